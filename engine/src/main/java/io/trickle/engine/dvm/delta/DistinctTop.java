package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.ROW_ID;
import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.AggregateKind;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SELECT DISTINCT (or UNION) at the top: the storage table keeps, next to each distinct row, how many
 * input rows stand behind it ({@code __pgt_count}). A window adds its net weight per row to that
 * count; a row appears when its count becomes positive and disappears when it drops to zero.
 */
record DistinctTop(Distinct distinct, List<String> names, Map<ColumnId, PgType> types) implements Top {

    static final String COUNT = "__pgt_count";
    static final ColumnId COUNT_ID = new ColumnId("pgtcount");

    @Override
    public List<StorageColumn> storage() {
        List<StorageColumn> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new StorageColumn(names.get(i), types.get(distinct.columns().get(i)), false));
        }
        out.add(new StorageColumn(COUNT, PgType.BIGINT, true));
        return out;
    }

    @Override
    public RowIdentity identity() {
        return new RowIdentity(true, names);
    }

    @Override
    public Optional<Operator> keptInStorage() {
        return Optional.of(distinct);
    }

    @Override
    public Operator fullTree() {
        List<NamedExpr> keys = new ArrayList<>();
        for (ColumnId id : distinct.columns()) {
            keys.add(new NamedExpr(id, Expr.column(id)));
        }
        AggregateCall count = new AggregateCall(COUNT_ID, AggregateKind.COUNT_STAR, Expr.constant("count(*)"), null, null, false);
        Aggregate grouped = new Aggregate(distinct.input(), keys, List.of(count));
        List<NamedExpr> outputs = new ArrayList<>(keys);
        outputs.add(new NamedExpr(COUNT_ID, Expr.column(COUNT_ID)));
        return new Project(grouped, outputs);
    }

    @Override
    public String delta(DeltaContext ctx, Differentiator differentiator, String storage) {
        List<ColumnId> cols = distinct.columns();
        String d = differentiator.delta(distinct.input());
        String names = SqlWriter.names(cols);
        String touched = ctx.cte("distinct_touched", "SELECT " + names + ", sum(" + WEIGHT + ")::bigint AS dw FROM " + d
                + " GROUP BY " + names + " HAVING sum(" + WEIGHT + ") <> 0");
        List<PgType> keyTypes = cols.stream().map(types::get).toList();
        String vRowId = SqlWriter.rowId(cols.stream().map(c -> col("v", c)).toList(), keyTypes);
        List<String> same = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            same.add(SqlWriter.sameValue("o." + ident(this.names.get(i)), col("v", cols.get(i)), keyTypes.get(i)));
        }
        String merged = ctx.cte("distinct_merged", "SELECT " + SqlWriter.cols("v", cols) + ", coalesce(o." + COUNT
                + ", 0) + v.dw AS " + ident(COUNT_ID) + " FROM " + touched + " v LEFT JOIN " + storage + " o ON o." + ROW_ID
                + " = " + vRowId + " AND " + String.join(" AND ", same));
        List<String> newSelect = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            newSelect.add(col("m", cols.get(i)) + " AS " + ident(this.names.get(i)));
        }
        newSelect.add(col("m", COUNT_ID) + " AS " + COUNT);
        return "SELECT " + String.join(", ", newSelect) + ", 1::bigint AS " + WEIGHT + " FROM " + merged + " m WHERE m."
                + ident(COUNT_ID) + " > 0"
                + "\nUNION ALL SELECT " + storageColumns("o") + ", -1::bigint FROM " + storage + " o WHERE o." + ROW_ID
                + " IN (SELECT " + vRowId + " FROM " + touched + " v)";
    }

    private String storageColumns(String alias) {
        List<String> out = new ArrayList<>();
        for (StorageColumn c : storage()) {
            out.add(alias + "." + ident(c.name()));
        }
        return String.join(", ", out);
    }

    @Override
    public String strategy() {
        return "DISTINCT kept with a count per row (__pgt_count) in the storage table";
    }
}
