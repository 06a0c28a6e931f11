package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.ReservedNames.COUNT;
import static io.trickle.engine.dvm.render.ReservedNames.ROW_ID;
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
import io.trickle.engine.dvm.render.Fragments;
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

    private static final ColumnId COUNT_ID = new ColumnId("pgtcount");

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
        AggregateCall count = new AggregateCall(COUNT_ID, AggregateKind.COUNT_STAR, Fragments.countStar(), null, null, false);
        Aggregate grouped = new Aggregate(distinct.input(), keys, List.of(count));
        List<NamedExpr> outputs = new ArrayList<>(keys);
        outputs.add(new NamedExpr(COUNT_ID, Expr.column(COUNT_ID)));
        return new Project(grouped, outputs);
    }

    @Override
    public String delta(DeltaContext ctx, Differentiator differentiator, String storage) {
        List<ColumnId> cols = distinct.columns();
        String touched = ctx.cte("distinct_touched", Fragments.netWeights(cols, differentiator.delta(distinct.input()), "dw"));
        List<PgType> keyTypes = cols.stream().map(types::get).toList();
        String vRowId = SqlWriter.rowId(cols.stream().map(c -> col("v", c)).toList(), keyTypes);
        String same = Fragments.sameValues(names.stream().map(n -> "o." + ident(n)).toList(),
                cols.stream().map(c -> col("v", c)).toList(), keyTypes);
        String merged = ctx.cte("distinct_merged", "SELECT " + SqlWriter.cols("v", cols) + ", coalesce(o." + ident(COUNT)
                + ", 0) + v.dw AS " + ident(COUNT_ID) + " FROM " + touched + " v LEFT JOIN " + storage + " o ON o." + ROW_ID
                + " = " + vRowId + " AND " + same);
        List<String> stateNames = new ArrayList<>(cols.stream().map(ColumnId::name).toList());
        stateNames.add(COUNT_ID.name());
        List<String> storedNames = new ArrayList<>(names);
        storedNames.add(COUNT);
        return Fragments.unionAll(List.of(
                Fragments.added(Fragments.renamedNames("m", stateNames, storedNames), merged + " m WHERE m." + ident(COUNT_ID) + " > 0"),
                StorageRows.removed(storage(), storage, StorageRows.rowIdIn(vRowId, touched + " v"))));
    }

    @Override
    public String strategy() {
        return "DISTINCT kept with a count per row (" + COUNT + ") in the storage table";
    }
}
