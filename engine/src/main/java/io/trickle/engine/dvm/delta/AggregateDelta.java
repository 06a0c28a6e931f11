package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.names;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import java.util.List;

/**
 * Δγ(R) for an aggregate inside the tree (one at the top is maintained against the storage table
 * instead, see {@code TopDelta}): for the grouping keys K that ΔR touches,
 * Δ = γ(R₁ restricted to K) − γ(R₀ restricted to K). Both sides are recomputed from the sources,
 * only for the touched groups, so every aggregate — user-defined ones included — is exact.
 * A scalar aggregate (no GROUP BY) has one group, touched whenever ΔR is not empty. See ref-dvm.md §2.9.
 */
final class AggregateDelta {

    private AggregateDelta() {
    }

    static String delta(DeltaContext ctx, Aggregate aggregate, String input) {
        String cols = names(aggregate.columns());
        if (aggregate.isScalar()) {
            String gate = " WHERE EXISTS (SELECT 1 FROM " + input + ")";
            return ctx.cte("aggregate",
                    "SELECT " + cols + ", 1::bigint AS " + WEIGHT + " FROM (" + ctx.newState(aggregate) + ") n" + gate
                    + "\n  UNION ALL SELECT " + cols + ", -1::bigint FROM (" + ctx.oldState(aggregate) + ") o" + gate);
        }
        List<Expr> keyExprs = aggregate.groupKeys().stream().map(NamedExpr::expr).toList();
        List<String> keyNames = aggregate.keyColumns().stream().map(ColumnId::name).toList();
        String keys = KeyScope.keysCte(ctx, input, keyExprs, keyNames);
        Operator restricted = new Aggregate(KeyScope.restrict(aggregate.input(), keyExprs, keys, keyNames),
                aggregate.groupKeys(), aggregate.aggregates());
        return ctx.cte("aggregate",
                "SELECT " + cols + ", 1::bigint AS " + WEIGHT + " FROM (" + ctx.newState(restricted) + ") n"
                + "\n  UNION ALL SELECT " + cols + ", -1::bigint FROM (" + ctx.oldState(restricted) + ") o");
    }
}
