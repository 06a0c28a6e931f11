package io.trickle.engine.dvm;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.delta.DeltaContext;
import io.trickle.engine.dvm.delta.Differentiator;
import io.trickle.engine.dvm.delta.RowIds;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tree applied as its delta: no state is read back from the storage table. */
record LinearTop(Operator root, List<String> names, Map<ColumnId, PgType> types) implements Top {

    @Override
    public List<StorageColumn> storage() {
        List<StorageColumn> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new StorageColumn(names.get(i), types.get(root.columns().get(i)), false));
        }
        return out;
    }

    @Override
    public RowIdentity identity() {
        Optional<List<ColumnId>> key = RowIds.key(root);
        if (key.isEmpty()) {
            return RowIdentity.content();
        }
        List<String> keyColumns = new ArrayList<>();
        for (ColumnId k : key.get()) {
            int index = root.columns().indexOf(k);
            if (index < 0) {
                return RowIdentity.content();
            }
            keyColumns.add(names.get(index));
        }
        return new RowIdentity(true, keyColumns);
    }

    @Override
    public Operator fullTree() {
        return root;
    }

    @Override
    public String delta(DeltaContext ctx, Differentiator differentiator, String storage) {
        String d = differentiator.delta(root);
        List<String> select = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            select.add(col("d", root.columns().get(i)) + " AS " + ident(names.get(i)));
        }
        return "SELECT " + String.join(", ", select) + ", d." + WEIGHT + " FROM " + d + " d";
    }

    @Override
    public String strategy() {
        return "the query's delta is applied to the storage table";
    }
}
