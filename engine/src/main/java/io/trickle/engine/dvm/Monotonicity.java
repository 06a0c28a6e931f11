package io.trickle.engine.dvm;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
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
import io.trickle.engine.dvm.op.SetOpKind;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Window;
import java.util.List;
import java.util.Optional;

/**
 * Whether a query is <em>monotone</em>: adding rows to any of its inputs can only add rows to its
 * result, never remove one. Stream tables may read each other in a cycle only when every member is
 * monotone, because then refreshing the members in turn climbs towards one least fixpoint and stops
 * there; a non-monotone member can make the cycle oscillate, or settle on an answer that depends on
 * the order of refreshes. Read-only: it walks a finished tree and changes nothing.
 *
 * <p>Monotone: scans, filters and projections (per-row expressions; volatile functions are refused
 * for DIFFERENTIAL already), inner joins, UNION ALL, DISTINCT (so UNION), INTERSECT, EXISTS / IN
 * (semi-joins), set-returning functions in FROM (each input row yields its own rows, whatever the
 * other rows), and recursive CTEs whose terms are monotone.
 *
 * <p>Not monotone, named in the refusal: aggregates (a group's value changes, and a count or sum
 * is replaced rather than extended), EXCEPT, window functions, NOT EXISTS / NOT IN (anti-joins),
 * outer joins (a NULL-padded row is removed when its partner arrives), ORDER BY … LIMIT (a new row
 * pushes another out), scalar subqueries and sublinks inside expressions (their value per row
 * changes), and LATERAL subqueries (which may aggregate or limit per row). The last two are refused
 * conservatively: some of their forms are monotone, but the tree keeps their tail as SQL text.
 */
public final class Monotonicity {

    private Monotonicity() {
    }

    /** The first construct, in tree order, that makes the tree not monotone; empty when it is monotone. */
    public static Optional<String> firstNonMonotone(Operator tree) {
        return tree.accept(new Check());
    }

    private static final class Check implements OperatorVisitor<Optional<String>> {

        private Optional<String> inputs(Operator op) {
            return inputs(op.inputs());
        }

        private Optional<String> inputs(List<Operator> ops) {
            for (Operator in : ops) {
                Optional<String> found = in.accept(this);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<String> visitScan(Scan scan) {
            return Optional.empty();
        }

        @Override
        public Optional<String> visitFilter(Filter filter) {
            return inputs(filter);
        }

        @Override
        public Optional<String> visitProject(Project project) {
            return inputs(project);
        }

        @Override
        public Optional<String> visitJoin(Join join) {
            if (join.kind() != JoinKind.INNER) {
                return Optional.of("a " + join.kind().sql() + " (an outer join removes its NULL-padded row when a"
                        + " partner arrives)");
            }
            return inputs(join);
        }

        @Override
        public Optional<String> visitAggregate(Aggregate aggregate) {
            return Optional.of("an aggregate (GROUP BY or an aggregate function: a group's value is replaced, not"
                    + " extended, when rows arrive)");
        }

        @Override
        public Optional<String> visitDistinct(Distinct distinct) {
            return inputs(distinct);
        }

        @Override
        public Optional<String> visitUnionAll(UnionAll unionAll) {
            return inputs(unionAll);
        }

        @Override
        public Optional<String> visitSetOp(SetOp setOp) {
            if (setOp.kind() == SetOpKind.EXCEPT) {
                return Optional.of("EXCEPT" + (setOp.all() ? " ALL" : "") + " (a row arriving on the right removes one"
                        + " from the result)");
            }
            return inputs(setOp);
        }

        @Override
        public Optional<String> visitSemiJoin(SemiJoin semiJoin) {
            if (semiJoin.anti()) {
                return Optional.of("NOT EXISTS / NOT IN (an anti-join: a row arriving in the subquery removes rows"
                        + " from the result)");
            }
            return inputs(semiJoin);
        }

        @Override
        public Optional<String> visitSubqueryValue(SubqueryValue subqueryValue) {
            return Optional.of("a scalar subquery or a sublink inside an expression (its value for a row can"
                    + " change when rows arrive)");
        }

        @Override
        public Optional<String> visitLateralSubquery(LateralSubquery lateralSubquery) {
            return Optional.of("a LATERAL subquery (it may aggregate or limit per row)");
        }

        @Override
        public Optional<String> visitLateralFunction(LateralFunction lateralFunction) {
            return inputs(lateralFunction);
        }

        @Override
        public Optional<String> visitWindow(Window window) {
            return Optional.of("a window function (a row's value depends on the other rows of its partition)");
        }

        @Override
        public Optional<String> visitTopK(TopK topK) {
            return Optional.of("ORDER BY … LIMIT (a row arriving can push another out)");
        }

        @Override
        public Optional<String> visitRecursiveCte(RecursiveCte recursiveCte) {
            return inputs(recursiveCte);
        }

        @Override
        public Optional<String> visitRecursiveRef(RecursiveRef recursiveRef) {
            return Optional.empty();
        }
    }
}
