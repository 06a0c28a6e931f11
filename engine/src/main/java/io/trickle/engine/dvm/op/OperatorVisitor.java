package io.trickle.engine.dvm.op;

/** One method per operator: a new operator is a compile error in every visitor that must handle it. */
public interface OperatorVisitor<R> {

    R visitScan(Scan scan);

    R visitFilter(Filter filter);

    R visitProject(Project project);

    R visitJoin(Join join);

    R visitAggregate(Aggregate aggregate);

    R visitDistinct(Distinct distinct);

    R visitUnionAll(UnionAll unionAll);
}
