package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;
import static io.trickle.engine.dvm.render.ReservedNames.COUNT;
import static io.trickle.engine.dvm.render.ReservedNames.ROW_ID;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.expr;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.AggregateKind;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GROUP BY at the top (under the SELECT list's projection, and HAVING if any). The storage table
 * holds the grouping keys (in user columns where the SELECT list shows them, else in auxiliary
 * columns), so each group's row is found by its row id, the hash of its keys.
 *
 * <p><b>Algebraic</b> (every aggregate is COUNT, or SUM/AVG with an exact result type, and there is
 * no HAVING): new(g) = old(g) + Δ(g), with old(g) read from the storage row. The state kept is the
 * group's row count ({@code __pgt_count}), each SUM's count of non-NULL inputs (so that a SUM over
 * only NULLs is NULL) and each AVG's sum; only the change window and the touched storage rows are
 * read. <b>Rescan</b> (everything else: MIN/MAX, DISTINCT aggregates, STRING_AGG, user-defined
 * aggregates, HAVING, sums of floating-point values, whose incremental sum would drift from a
 * recomputation): the touched groups are recomputed from the sources and replace their rows.
 * See ref-dvm.md §2.9.
 */
record AggregateTop(Project project, Filter having, Aggregate aggregate, List<String> names,
                    Map<ColumnId, PgType> types, boolean algebraic) implements Top {

    private static final ColumnId COUNT_ID = new ColumnId("pgtcount");

    static AggregateTop of(Project project, Filter having, Aggregate aggregate, List<String> names,
                           Map<ColumnId, PgType> types) {
        boolean algebraic = having == null && aggregate.aggregates().stream().allMatch(a -> isAlgebraic(a, types));
        return new AggregateTop(project, having, aggregate, names, types, algebraic);
    }

    private static boolean isAlgebraic(AggregateCall a, Map<ColumnId, PgType> types) {
        if (a.distinct()) {
            return false;
        }
        PgType result = types.get(a.id());
        return switch (a.kind()) {
            case COUNT_STAR, COUNT -> true;
            case SUM -> result != null && result.isExactNumber();
            case AVG -> result != null && result.base().equals("numeric");
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The extra aggregates an algebraic top keeps, and where each piece of state is stored
    // ---------------------------------------------------------------------------------------------

    private static ColumnId nonNullCount(AggregateCall a) {
        return new ColumnId("pgtnn_" + a.id().name());
    }

    private static ColumnId hiddenSum(AggregateCall a) {
        return new ColumnId("pgtsum_" + a.id().name());
    }

    /** The aggregates kept in the storage table beyond the query's own: counts and sums. */
    List<AggregateCall> hiddenCalls() {
        if (!algebraic) {
            return List.of();
        }
        List<AggregateCall> hidden = new ArrayList<>();
        hidden.add(new AggregateCall(COUNT_ID, AggregateKind.COUNT_STAR, Fragments.countStar(), null, null, false));
        for (AggregateCall a : aggregate.aggregates()) {
            if (a.kind() == AggregateKind.SUM || a.kind() == AggregateKind.AVG) {
                hidden.add(new AggregateCall(nonNullCount(a), AggregateKind.COUNT,
                        filtered("count", a), a.argument(), a.filter(), false));
            }
            if (a.kind() == AggregateKind.AVG) {
                hidden.add(new AggregateCall(hiddenSum(a), AggregateKind.SUM, filtered("sum", a), a.argument(), a.filter(), false));
            }
        }
        return hidden;
    }

    private static Expr filtered(String function, AggregateCall a) {
        return Fragments.aggregateOf(function, a.argument(), a.filter());
    }

    /** Storage column name of each state column (keys, aggregates, hidden state) that is stored. */
    private Map<ColumnId, String> stateColumns() {
        Map<ColumnId, String> out = new LinkedHashMap<>();
        List<ColumnId> stored = new ArrayList<>(aggregate.keyColumns());
        if (algebraic) {
            aggregate.aggregates().forEach(a -> stored.add(a.id()));
            hiddenCalls().forEach(h -> stored.add(h.id()));
        }
        for (ColumnId id : stored) {
            out.put(id, userColumnOf(id).orElseGet(() -> id.equals(COUNT_ID) ? COUNT
                    : ReservedNames.auxiliary(id.name().replaceFirst("^pgt", ""))));
        }
        return out;
    }

    /** The user column that shows a state column as it is, if the SELECT list has one. */
    private Optional<String> userColumnOf(ColumnId id) {
        for (int i = 0; i < project.outputs().size(); i++) {
            if (project.outputs().get(i).expr().asColumn().filter(id::equals).isPresent()) {
                return Optional.of(names.get(i));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // Top
    // ---------------------------------------------------------------------------------------------

    @Override
    public List<StorageColumn> storage() {
        List<StorageColumn> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new StorageColumn(names.get(i), types.get(project.outputs().get(i).id()), false));
        }
        for (Map.Entry<ColumnId, String> e : stateColumns().entrySet()) {
            if (e.getValue().startsWith(ReservedNames.PREFIX)) {
                out.add(new StorageColumn(e.getValue(), types.get(e.getKey()), true));
            }
        }
        return out;
    }

    @Override
    public RowIdentity identity() {
        Map<ColumnId, String> state = stateColumns();
        return new RowIdentity(true, aggregate.keyColumns().stream().map(state::get).toList());
    }

    @Override
    public Optional<Operator> keptInStorage() {
        return Optional.of(aggregate);
    }

    @Override
    public Operator fullTree() {
        return stateTree(aggregate.input());
    }

    /** SELECT list (plus the stored state) over HAVING over the aggregate (plus hidden aggregates) of {@code input}. */
    private Project stateTree(Operator input) {
        List<AggregateCall> calls = new ArrayList<>(aggregate.aggregates());
        calls.addAll(hiddenCalls());
        Operator tree = new Aggregate(input, aggregate.groupKeys(), calls);
        if (having != null) {
            tree = new Filter(tree, having.conjuncts());
        }
        List<NamedExpr> outputs = new ArrayList<>(project.outputs());
        for (Map.Entry<ColumnId, String> e : stateColumns().entrySet()) {
            if (e.getValue().startsWith(ReservedNames.PREFIX)) {
                outputs.add(new NamedExpr(e.getKey(), Expr.column(e.getKey())));
            }
        }
        return new Project(tree, outputs);
    }

    /** The row id of a group, from its key values read through {@code alias}. */
    private String rowIdOf(String alias) {
        List<String> values = new ArrayList<>();
        List<PgType> keyTypes = new ArrayList<>();
        for (ColumnId k : aggregate.keyColumns()) {
            values.add(col(alias, k));
            keyTypes.add(types.get(k));
        }
        return SqlWriter.rowId(values, keyTypes);
    }

    /** The recomputed rows of {@code relation} (which has the state tree's columns) as storage rows that enter. */
    private String asStorageRows(String relation, String where) {
        List<String> state = stateTree(aggregate.input()).columns().stream().map(ColumnId::name).toList();
        List<String> stored = storage().stream().map(StorageColumn::name).toList();
        return Fragments.added(Fragments.renamedNames("n", state, stored), relation + " n" + where);
    }

    @Override
    public String delta(DeltaContext ctx, Differentiator differentiator, String storage) {
        String input = differentiator.delta(aggregate.input());
        return algebraic ? algebraicDelta(ctx, input, storage) : rescanDelta(ctx, input, storage);
    }

    private String rescanDelta(DeltaContext ctx, String input, String storage) {
        if (aggregate.isScalar()) {
            String gate = Fragments.nonEmpty(input);
            String now = subquery(ctx.newState(stateTree(aggregate.input())));
            return Fragments.unionAll(List.of(asStorageRows(now, " WHERE " + gate), StorageRows.removed(storage(), storage, gate)));
        }
        List<Expr> keyExprs = aggregate.groupKeys().stream().map(NamedExpr::expr).toList();
        List<String> keyNames = aggregate.keyColumns().stream().map(ColumnId::name).toList();
        String keys = KeyScope.keysCte(ctx, input, keyExprs, keyNames);
        Operator restricted = KeyScope.restrict(aggregate.input(), keyExprs, keys, keyNames);
        String now = subquery(ctx.newState(stateTree(restricted)));
        return Fragments.unionAll(List.of(asStorageRows(now, ""),
                StorageRows.removed(storage(), storage, StorageRows.rowIdIn(rowIdOf("k"), keys + " k"))));
    }

    private String algebraicDelta(DeltaContext ctx, String input, String storage) {
        // Per touched group: the net change of each piece of state.
        List<String> select = new ArrayList<>();
        if (!aggregate.isScalar()) {
            select.add(Fragments.computed(aggregate.groupKeys(), "s"));
        }
        String w = Fragments.weightOf("s");
        select.add("sum(" + w + ")::bigint AS " + ident(COUNT_ID));
        for (AggregateCall a : aggregate.aggregates()) {
            String f = a.filter() == null ? "true" : expr(a.filter(), "s");
            switch (a.kind()) {
                case COUNT_STAR -> select.add("sum(CASE WHEN " + f + " THEN " + w + " ELSE 0 END)::bigint AS " + ident(a.id()));
                case COUNT -> select.add("sum(CASE WHEN (" + expr(a.argument(), "s") + ") IS NOT NULL AND "
                        + f + " THEN " + w + " ELSE 0 END)::bigint AS " + ident(a.id()));
                case SUM, AVG -> {
                    String arg = expr(a.argument(), "s");
                    select.add("sum(CASE WHEN " + f + " THEN " + w + " * (" + arg + ") END) AS " + ident(hiddenSum(a)));
                    select.add("sum(CASE WHEN (" + arg + ") IS NOT NULL AND " + f + " THEN " + w + " ELSE 0 END)::bigint AS "
                            + ident(nonNullCount(a)));
                }
                default -> throw new IllegalStateException("not algebraic: " + a.explain());
            }
        }
        String grouping = aggregate.isScalar() ? " HAVING count(*) > 0" : " GROUP BY " + Fragments.positions(aggregate.groupKeys().size());
        String change = ctx.cte("aggregate_change", "SELECT " + String.join(", ", select) + " FROM " + input + " s" + grouping);

        // New state = old state (from the storage row, absent for a new group) + change.
        Map<ColumnId, String> state = stateColumns();
        List<String> merged = new ArrayList<>();
        for (ColumnId k : aggregate.keyColumns()) {
            merged.add(col("d", k));
        }
        merged.add("coalesce(o." + ident(state.get(COUNT_ID)) + ", 0) + d." + ident(COUNT_ID) + " AS " + ident(COUNT_ID));
        for (AggregateCall a : aggregate.aggregates()) {
            String old = "o." + ident(state.get(a.id()));
            switch (a.kind()) {
                case COUNT_STAR, COUNT -> merged.add("coalesce(" + old + ", 0) + d." + ident(a.id()) + " AS " + ident(a.id()));
                case SUM -> {
                    String nn = "coalesce(o." + ident(state.get(nonNullCount(a))) + ", 0) + d." + ident(nonNullCount(a));
                    merged.add(nn + " AS " + ident(nonNullCount(a)));
                    String type = types.get(a.id()).name();
                    merged.add("CASE WHEN " + nn + " = 0 THEN NULL ELSE (coalesce(" + old + ", " + zero(type) + ") + coalesce(d."
                            + ident(hiddenSum(a)) + ", " + zero(type) + "))::" + type + " END AS " + ident(a.id()));
                }
                case AVG -> {
                    String nn = "coalesce(o." + ident(state.get(nonNullCount(a))) + ", 0) + d." + ident(nonNullCount(a));
                    String type = types.get(hiddenSum(a)).name();
                    String sum = "(coalesce(o." + ident(state.get(hiddenSum(a))) + ", " + zero(type) + ") + coalesce(d."
                            + ident(hiddenSum(a)) + ", " + zero(type) + "))::" + type;
                    merged.add(nn + " AS " + ident(nonNullCount(a)));
                    merged.add("CASE WHEN " + nn + " = 0 THEN NULL ELSE " + sum + " END AS " + ident(hiddenSum(a)));
                    merged.add("CASE WHEN " + nn + " = 0 THEN NULL ELSE (" + sum + ")::numeric / (" + nn + ") END AS "
                            + ident(a.id()));
                }
                default -> throw new IllegalStateException("not algebraic: " + a.explain());
            }
        }
        List<ColumnId> keys = aggregate.keyColumns();
        String sameKeys = Fragments.sameValues(keys.stream().map(k -> "o." + ident(state.get(k))).toList(),
                keys.stream().map(k -> col("d", k)).toList(), keys.stream().map(types::get).toList());
        String join = aggregate.isScalar() ? "true" : "o." + ROW_ID + " = " + rowIdOf("d") + " AND " + sameKeys;
        String newState = ctx.cte("aggregate_state", "SELECT " + String.join(", ", merged) + " FROM " + change
                + " d LEFT JOIN " + storage + " o ON " + join);

        // The new rows: the SELECT list over the new state; the old rows: the touched storage rows.
        Project tree = stateTree(aggregate.input());
        List<String> out = new ArrayList<>();
        List<StorageColumn> storageColumns = storage();
        for (int i = 0; i < tree.outputs().size(); i++) {
            out.add(expr(tree.outputs().get(i).expr(), "n") + " AS " + ident(storageColumns.get(i).name()));
        }
        String exists = aggregate.isScalar() ? "" : " WHERE n." + ident(COUNT_ID) + " > 0";
        // A scalar aggregate's one row is replaced only when its input changed (the change CTE has a row).
        String oldRows = StorageRows.removed(storageColumns, storage, aggregate.isScalar() ? Fragments.nonEmpty(change)
                : StorageRows.rowIdIn(rowIdOf("d"), change + " d"));
        return Fragments.unionAll(List.of(Fragments.added(String.join(", ", out), newState + " n" + exists), oldRows));
    }

    /** A zero of the sum's type: {@code 0} alone does not combine with money or interval. */
    private static String zero(String type) {
        return "'0'::" + type;
    }

    @Override
    public boolean recomputesTouchedGroups() {
        return !algebraic;
    }

    @Override
    public String strategy() {
        return algebraic
                ? "GROUP BY maintained algebraically: each touched group's state is updated from the change window"
                : "GROUP BY maintained by recomputing the touched groups from the sources";
    }
}
