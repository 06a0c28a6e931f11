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

    R visitSetOp(SetOp setOp);

    R visitSemiJoin(SemiJoin semiJoin);

    R visitSubqueryValue(SubqueryValue subqueryValue);

    R visitLateralSubquery(LateralSubquery lateralSubquery);

    R visitLateralFunction(LateralFunction lateralFunction);

    R visitWindow(Window window);

    R visitTopK(TopK topK);

    R visitRecursiveCte(RecursiveCte recursiveCte);

    R visitRecursiveRef(RecursiveRef recursiveRef);

    R visitValues(Values values);
}
