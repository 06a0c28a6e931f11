package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.OperatorVisitor;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Values;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which output columns of a subtree identify its rows uniquely, if any: the primary key of a
 * scanned table, carried through filters and projections that keep it; both keys of a join; the
 * grouping keys of an aggregate (none — a single row — for a scalar one); every column of a
 * DISTINCT. A tree with a key gets unique row ids (the hash of the key, so an update is one row
 * replaced in place); one without gets content hashes shared by duplicate rows. The hash itself is
 * {@link io.trickle.engine.dvm.render.SqlWriter#rowId}, used alike by the FULL and delta paths.
 */
final class RowIds implements OperatorVisitor<Optional<List<ColumnId>>> {

    private final java.util.Map<ColumnId, io.trickle.engine.sql.PgType> types;

    private RowIds(java.util.Map<ColumnId, io.trickle.engine.sql.PgType> types) {
        this.types = types;
    }

    static Optional<List<ColumnId>> key(io.trickle.engine.dvm.op.Operator op,
                                        java.util.Map<ColumnId, io.trickle.engine.sql.PgType> types) {
        return op.accept(new RowIds(types));
    }

    @Override
    public Optional<List<ColumnId>> visitScan(Scan scan) {
        List<String> pk = scan.relation().primaryKey();
        if (pk.isEmpty() || scan.relation().streamTable()) {
            return Optional.empty();
        }
        List<ColumnId> key = new ArrayList<>();
        for (String column : pk) {
            Optional<ColumnId> id = scan.idOf(column);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            key.add(id.get());
        }
        return Optional.of(key);
    }

    @Override
    public Optional<List<ColumnId>> visitFilter(Filter filter) {
        return filter.input().accept(this);
    }

    @Override
    public Optional<List<ColumnId>> visitProject(Project project) {
        Optional<List<ColumnId>> inner = project.input().accept(this);
        if (inner.isEmpty()) {
            return inner;
        }
        List<ColumnId> mapped = new ArrayList<>();
        for (ColumnId k : inner.get()) {
            Optional<ColumnId> out = project.outputs().stream()
                    .filter(o -> o.expr().asColumn().filter(k::equals).isPresent())
                    .map(NamedExpr::id).findFirst();
            if (out.isEmpty()) {
                return Optional.empty();
            }
            mapped.add(out.get());
        }
        return Optional.of(mapped);
    }

    @Override
    public Optional<List<ColumnId>> visitJoin(Join join) {
        Optional<List<ColumnId>> l = join.left().accept(this);
        Optional<List<ColumnId>> r = join.right().accept(this);
        // A side whose whole key is equated to columns of the other matches at most one row of it
        // for each of the other's rows: the other side's key then identifies the join's rows on its
        // own (orders joined to their customer are identified by the order). That holds for an inner
        // join either way round and for a LEFT join kept by the left.
        if (l.isPresent() && r.isPresent() && join.kind() != JoinKind.FULL && join.kind() != JoinKind.RIGHT
                && pinnedBy(r.get(), join.conditions(), join.left().columns())) {
            return l;
        }
        if (l.isPresent() && r.isPresent() && join.kind() == JoinKind.INNER
                && pinnedBy(l.get(), join.conditions(), join.right().columns())) {
            return r;
        }
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnId> both = new ArrayList<>(l.get());
        both.addAll(r.get());
        return Optional.of(both);
    }

    /**
     * Whether every column of {@code key} is equated, by a condition of the form {@code key = other}
     * (bare columns), to a column of {@code others}. String keys are left out: a join's equality may
     * compare them under another collation than the one their uniqueness holds in.
     */
    private boolean pinnedBy(List<ColumnId> key, List<Expr> conditions, List<ColumnId> others) {
        if (key.isEmpty()) {
            return false;
        }
        for (ColumnId k : key) {
            io.trickle.engine.sql.PgType type = types.get(k);
            if (type == null || !NON_STRING_KEYS.contains(type.base()) || type.isArray()) {
                return false;
            }
            boolean pinned = false;
            for (Expr c : conditions) {
                java.util.regex.Matcher m = EQUALITY.matcher(c.template());
                if (m.matches() && c.refs().size() == 2) {
                    ColumnId a = c.refs().get(Integer.parseInt(m.group(1)));
                    ColumnId b = c.refs().get(Integer.parseInt(m.group(2)));
                    if ((a.equals(k) && others.contains(b)) || (b.equals(k) && others.contains(a))) {
                        pinned = true;
                        break;
                    }
                }
            }
            if (!pinned) {
                return false;
            }
        }
        return true;
    }

    /** Key types whose equality is the same under every collation (they have none). */
    private static final java.util.Set<String> NON_STRING_KEYS = java.util.Set.of("smallint", "integer", "bigint",
            "numeric", "uuid", "date", "timestamp without time zone", "timestamp with time zone", "boolean", "oid");

    private static final java.util.regex.Pattern EQUALITY =
            java.util.regex.Pattern.compile("\\(?\\s*__pgt_ref_(\\d+)__\\s*=\\s*__pgt_ref_(\\d+)__\\s*\\)?");

    @Override
    public Optional<List<ColumnId>> visitAggregate(Aggregate aggregate) {
        return Optional.of(aggregate.keyColumns());
    }

    @Override
    public Optional<List<ColumnId>> visitDistinct(Distinct distinct) {
        return Optional.of(distinct.columns());
    }

    @Override
    public Optional<List<ColumnId>> visitUnionAll(UnionAll union) {
        return Optional.empty();
    }

    @Override
    public Optional<List<ColumnId>> visitSetOp(SetOp setOp) {
        return setOp.all() ? Optional.empty() : Optional.of(setOp.columns());
    }

    @Override
    public Optional<List<ColumnId>> visitSemiJoin(SemiJoin semiJoin) {
        return semiJoin.left().accept(this);
    }

    @Override
    public Optional<List<ColumnId>> visitSubqueryValue(SubqueryValue sv) {
        return sv.input().accept(this);
    }

    @Override
    public Optional<List<ColumnId>> visitLateralSubquery(LateralSubquery ls) {
        return Optional.empty();
    }

    @Override
    public Optional<List<ColumnId>> visitLateralFunction(LateralFunction lf) {
        return Optional.empty();
    }

    @Override
    public Optional<List<ColumnId>> visitWindow(Window window) {
        return window.input().accept(this);
    }

    @Override
    public Optional<List<ColumnId>> visitTopK(TopK topK) {
        return topK.input().accept(this);
    }

    @Override
    public Optional<List<ColumnId>> visitRecursiveCte(RecursiveCte cte) {
        return cte.unionAll() ? Optional.empty() : Optional.of(cte.columns());
    }

    @Override
    public Optional<List<ColumnId>> visitRecursiveRef(RecursiveRef ref) {
        return Optional.empty();
    }

    /** A VALUES list may repeat a row: no key. */
    @Override
    public Optional<List<ColumnId>> visitValues(Values values) {
        return Optional.empty();
    }
}
