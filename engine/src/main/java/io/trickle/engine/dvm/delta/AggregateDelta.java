package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.render.Fragments;
import java.util.List;

/**
 * Δγ(R) for an aggregate inside the tree (one at the top is maintained against the storage table
 * instead, see {@link AggregateTop}): for the grouping keys K that ΔR touches,
 * Δ = γ(R₁ restricted to K) − γ(R₀ restricted to K). Both sides are recomputed from the sources,
 * only for the touched groups, so every aggregate — user-defined ones included — is exact.
 * A scalar aggregate (no GROUP BY) has one group, touched whenever ΔR is not empty. See ref-dvm.md §2.9.
 */
final class AggregateDelta {

    private AggregateDelta() {
    }

    static String delta(DeltaContext ctx, Aggregate aggregate, String input) {
        if (aggregate.isScalar()) {
            return ctx.cte("aggregate", Fragments.difference(aggregate.columns(), subquery(ctx.newState(aggregate)),
                    subquery(ctx.oldState(aggregate)), Fragments.nonEmpty(input)));
        }
        List<Expr> keyExprs = aggregate.groupKeys().stream().map(NamedExpr::expr).toList();
        List<String> keyNames = aggregate.keyColumns().stream().map(ColumnId::name).toList();
        String keys = KeyScope.keysCte(ctx, input, keyExprs, keyNames);
        Operator restricted = aggregate.withInputs(List.of(KeyScope.restrict(aggregate.input(), keyExprs, keys, keyNames)));
        return ctx.cte("aggregate", Fragments.difference(aggregate.columns(), subquery(ctx.newState(restricted)),
                subquery(ctx.oldState(restricted)), null));
    }
}
