package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.OperatorVisitor;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Values;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code show} says about the operators of a tree whose rule recomputes the whole operator, or
 * a part of it, instead of deriving the change row by row. One answer per operator, so a new
 * operator decides whether it deserves a sentence.
 */
final class RecomputeNotes implements OperatorVisitor<Optional<String>> {

    private static final RecomputeNotes INSTANCE = new RecomputeNotes();

    private RecomputeNotes() {
    }

    /** The notes of a subtree, in tree order. */
    static List<String> of(Operator tree) {
        List<String> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(Operator op, List<String> out) {
        op.accept(INSTANCE).ifPresent(out::add);
        for (Operator in : op.inputs()) {
            collect(in, out);
        }
    }

    @Override
    public Optional<String> visitTopK(TopK t) {
        return Optional.of("the top-k (" + t.limit() + ") is recomputed when a source changed and compared with its previous"
                + " rows");
    }

    @Override
    public Optional<String> visitRecursiveCte(RecursiveCte cte) {
        return Optional.of("the recursive CTE grows by semi-naive evaluation when its sources only gained rows, and is"
                + " recomputed and compared otherwise");
    }

    @Override
    public Optional<String> visitWindow(Window w) {
        return Optional.of(w.partition().isEmpty() ? "window functions are recomputed over the whole input"
                : "window functions are recomputed for the partitions a change touches");
    }

    // The others are differentiated row by row, or recompute only the groups, values or outer rows a
    // change touches, which the tree already shows.

    @Override
    public Optional<String> visitScan(Scan scan) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitFilter(Filter filter) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitProject(Project project) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitJoin(Join join) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitAggregate(Aggregate aggregate) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitDistinct(Distinct distinct) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitUnionAll(UnionAll unionAll) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitSetOp(SetOp setOp) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitSemiJoin(SemiJoin semiJoin) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitSubqueryValue(SubqueryValue subqueryValue) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitLateralSubquery(LateralSubquery lateralSubquery) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitLateralFunction(LateralFunction lateralFunction) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitRecursiveRef(RecursiveRef recursiveRef) {
        return Optional.empty();
    }

    @Override
    public Optional<String> visitValues(Values values) {
        return Optional.empty();
    }
}
