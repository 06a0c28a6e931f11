package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Optional<List<ColumnId>> key = RowIds.key(root, types);
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
    public Optional<Operator> keptInStorage() {
        return Optional.empty();
    }

    @Override
    public Operator fullTree() {
        return root;
    }

    @Override
    public String delta(DeltaContext ctx, Differentiator differentiator, String storage) {
        bindStorage(ctx, storage);
        String d = differentiator.delta(root);
        return Fragments.weighted(Fragments.renamedNames("d", root.columns().stream().map(ColumnId::name).toList(), names),
                Fragments.weightOf("d"), d + " d");
    }

    /**
     * The storage table holds the query's rows before the window: it is the old state of the root,
     * and of the root's input when the root only names that input's columns (each once). A rule that
     * recomputes (a top-k, a recursive CTE, a window over the whole input) then compares with it
     * instead of evaluating the query over the old sources.
     */
    private void bindStorage(DeltaContext ctx, String storage) {
        ctx.bindOldState(root, storedRows(storage, names, root.columns()));
        if (root instanceof Project p && p.outputs().stream().allMatch(o -> o.expr().asColumn().isPresent())) {
            List<ColumnId> named = p.outputs().stream().map(o -> o.expr().asColumn().get()).toList();
            if (named.size() == p.input().columns().size() && Set.copyOf(named).equals(Set.copyOf(p.input().columns()))) {
                List<String> stored = p.input().columns().stream().map(c -> names.get(named.indexOf(c))).toList();
                ctx.bindOldState(p.input(), storedRows(storage, stored, p.input().columns()));
            }
        }
    }

    /** The storage table's columns {@code stored} under the tree's column ids {@code as}. */
    private static String storedRows(String storage, List<String> stored, List<ColumnId> as) {
        return "SELECT " + Fragments.renamedNames("o", stored, as.stream().map(ColumnId::name).toList()) + " FROM " + storage
                + " o";
    }

    @Override
    public String strategy() {
        List<String> recomputed = RecomputeNotes.of(root);
        return "the query's delta is applied to the storage table" + (recomputed.isEmpty() ? ""
                : "; " + String.join("; ", recomputed));
    }
}
