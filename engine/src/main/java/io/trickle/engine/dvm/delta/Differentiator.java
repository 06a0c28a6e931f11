package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.OperatorVisitor;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.UnionAll;

/**
 * Differentiates a finished operator tree bottom-up: for every node it writes one CTE holding the
 * node's delta for the change window, a Z-set of rows with the node's columns and a weight (see
 * {@code ref-dvm.md} §5: exact weights everywhere, consolidated only where a rule needs it). Each
 * rule lives in its {@code XxxDelta} class, with the rule stated at its top.
 */
public final class Differentiator implements OperatorVisitor<String> {

    private final DeltaContext ctx;

    public Differentiator(DeltaContext ctx) {
        this.ctx = ctx;
    }

    /** The name of the CTE holding {@code op}'s delta. */
    public String delta(Operator op) {
        return op.accept(this);
    }

    @Override
    public String visitScan(Scan scan) {
        return ScanDelta.delta(ctx, scan);
    }

    @Override
    public String visitFilter(Filter filter) {
        return FilterDelta.delta(ctx, filter, delta(filter.input()));
    }

    @Override
    public String visitProject(Project project) {
        return ProjectDelta.delta(ctx, project, delta(project.input()));
    }

    @Override
    public String visitJoin(Join join) {
        return JoinDelta.delta(ctx, join, delta(join.left()), delta(join.right()));
    }

    @Override
    public String visitAggregate(Aggregate aggregate) {
        return AggregateDelta.delta(ctx, aggregate, delta(aggregate.input()));
    }

    @Override
    public String visitDistinct(Distinct distinct) {
        return DistinctDelta.delta(ctx, distinct, delta(distinct.input()));
    }

    @Override
    public String visitUnionAll(UnionAll union) {
        java.util.List<String> branches = new java.util.ArrayList<>();
        for (Operator b : union.branches()) {
            branches.add(delta(b));
        }
        return UnionAllDelta.delta(ctx, union, branches);
    }
}
