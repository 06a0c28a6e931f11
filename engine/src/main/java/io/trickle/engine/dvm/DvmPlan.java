package io.trickle.engine.dvm;

import io.trickle.engine.dvm.delta.DeltaContext;
import io.trickle.engine.dvm.delta.Differentiator;
import io.trickle.engine.dvm.delta.Top;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.dvm.render.State;
import io.trickle.engine.dvm.render.StateRenderer;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the differential engine derived from a defining query: the operator tree, how its top
 * is kept in the storage table, the storage layout and row identity, and the SQL of the FULL and
 * delta paths. Immutable; derived again when the query or its sources change.
 */
public final class DvmPlan {

    private final Operator tree;
    private final Top top;
    private final Map<ColumnId, PgType> types;

    DvmPlan(Operator tree, Top top, Map<ColumnId, PgType> types) {
        this.tree = tree;
        this.top = top;
        this.types = Map.copyOf(types);
    }

    public Operator tree() {
        return tree;
    }

    public List<StorageColumn> storage() {
        return top.storage();
    }

    public RowIdentity identity() {
        return top.identity();
    }

    /** The storage rows for the sources as they are now (no row id): what FULL writes. */
    public String fullSql() {
        Operator full = top.fullTree();
        return "SELECT " + Fragments.renamedNames("f", full.columns().stream().map(ColumnId::name).toList(),
                storage().stream().map(StorageColumn::name).toList()) + " FROM (" + StateRenderer.renderNew(full) + ") f";
    }

    /**
     * The change of the storage rows over one change window, as rows of the storage columns with a
     * weight ({@code __pgt_w}), not yet consolidated. {@code storageTable} is the qualified storage
     * table, read for the previous state of aggregates and DISTINCT.
     */
    public String deltaSql(SourceWindows windows, String storageTable) {
        DeltaContext ctx = new DeltaContext(windows, types);
        return ctx.withCtes(top.delta(ctx, new Differentiator(ctx), storageTable));
    }

    /** Which states of the sources {@link #deltaSql} reads besides the windows; for the golden tests. */
    Set<State> statesReadByDelta(SourceWindows windows, String storageTable) {
        DeltaContext ctx = new DeltaContext(windows, types);
        top.delta(ctx, new Differentiator(ctx), storageTable);
        return ctx.statesRead();
    }

    /** The operator the storage table keeps the state of, if any (its old state is never read from the sources). */
    Optional<Operator> keptInStorage() {
        return top.keptInStorage();
    }

    /** For each source relation read, the source columns the tree reads from it. */
    public Map<Relation, Set<String>> sourceColumns() {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        Map<Long, Set<String>> columns = new LinkedHashMap<>();
        for (Scan scan : tree.scans()) {
            relations.putIfAbsent(scan.relation().oid(), scan.relation());
            Set<String> cols = columns.computeIfAbsent(scan.relation().oid(), k -> new LinkedHashSet<>());
            scan.scanColumns().forEach(c -> cols.add(c.sourceColumn()));
        }
        Map<Relation, Set<String>> out = new LinkedHashMap<>();
        relations.forEach((oid, r) -> out.put(r, columns.get(oid)));
        return out;
    }

    public String strategy() {
        return top.strategy();
    }

    /** Whether a refresh recomputes each group a change touches from the sources (see {@link Top}). */
    public boolean recomputesTouchedGroups() {
        return top.recomputesTouchedGroups();
    }

    /** What {@code show} prints: the tree, the strategy, the storage layout and row identity. */
    public String explain() {
        StringBuilder sb = new StringBuilder(tree.explain());
        sb.append("Maintained: ").append(strategy()).append('\n');
        sb.append("Storage: ").append(storage().stream()
                .map(c -> c.name() + " " + c.type().declaration()).collect(Collectors.joining(", "))).append('\n');
        RowIdentity id = identity();
        sb.append("Row id: ").append(id.keyed()
                ? (id.keyColumns().isEmpty() ? "single row" : "hash of " + String.join(", ", id.keyColumns()) + " (unique)")
                : "hash of the whole row (duplicates share it)").append('\n');
        return sb.toString();
    }
}
