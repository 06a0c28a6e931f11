package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
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

    private RowIds() {
    }

    static Optional<List<ColumnId>> key(io.trickle.engine.dvm.op.Operator op) {
        return op.accept(new RowIds());
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
        if (l.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        List<ColumnId> both = new ArrayList<>(l.get());
        both.addAll(r.get());
        return Optional.of(both);
    }

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
