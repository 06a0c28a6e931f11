package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
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
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.ArrayList;
import java.util.List;

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
        List<String> branches = new ArrayList<>();
        for (Operator b : union.branches()) {
            branches.add(delta(b));
        }
        return UnionAllDelta.delta(ctx, union, branches);
    }

    @Override
    public String visitSetOp(SetOp setOp) {
        return SetOpDelta.delta(ctx, setOp, delta(setOp.left()), delta(setOp.right()));
    }

    @Override
    public String visitSemiJoin(SemiJoin semiJoin) {
        return SemiJoinDelta.delta(ctx, semiJoin, delta(semiJoin.left()), delta(semiJoin.right()));
    }

    @Override
    public String visitSubqueryValue(SubqueryValue sv) {
        return SubplanDelta.valueDelta(ctx, sv, delta(sv.input()), delta(sv.subplan().body()));
    }

    @Override
    public String visitLateralSubquery(LateralSubquery ls) {
        return SubplanDelta.lateralDelta(ctx, ls, delta(ls.input()), delta(ls.subplan().body()));
    }

    @Override
    public String visitLateralFunction(LateralFunction lf) {
        return LateralFunctionDelta.delta(ctx, lf, delta(lf.input()));
    }

    @Override
    public String visitWindow(Window window) {
        return Recompute.window(ctx, this, window);
    }

    @Override
    public String visitTopK(TopK topK) {
        return Recompute.topK(ctx, topK);
    }

    @Override
    public String visitRecursiveCte(RecursiveCte cte) {
        return RecursiveDelta.delta(ctx, this, cte);
    }

    /** The working table is held fixed while a recursive term is differentiated: no delta. */
    @Override
    public String visitRecursiveRef(RecursiveRef ref) {
        List<String> columns = new ArrayList<>();
        for (ColumnId c : ref.columns()) {
            columns.add(SqlWriter.nullOf(ctx.type(c)) + " AS " + SqlWriter.ident(c));
        }
        return ctx.cte("recursive_ref", "SELECT " + String.join(", ", columns) + ", 0::bigint AS " + ReservedNames.WEIGHT
                + " WHERE false");
    }

    /** Constant rows never change: no delta. */
    @Override
    public String visitValues(Values values) {
        List<String> columns = new ArrayList<>();
        for (ColumnId c : values.columns()) {
            columns.add(SqlWriter.nullOf(ctx.type(c)) + " AS " + SqlWriter.ident(c));
        }
        return ctx.cte("values", "SELECT " + String.join(", ", columns) + ", 0::bigint AS " + ReservedNames.WEIGHT
                + " WHERE false");
    }
}
