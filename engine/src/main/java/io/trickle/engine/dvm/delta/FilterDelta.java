package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.render.SqlWriter;

/**
 * Δσp(R) = σp(ΔR): a filter is linear, so it filters the delta rows and keeps their weights.
 * An update arrives as a removal of the old row and an addition of the new one, so a row that moves
 * in or out of the predicate is handled without a special case. See ref-dvm.md §2.2.
 */
final class FilterDelta {

    private FilterDelta() {
    }

    static String delta(DeltaContext ctx, Filter filter, String input) {
        return ctx.cte("filter", "SELECT * FROM " + input + " s WHERE "
                + SqlWriter.and(filter.conjuncts().stream().map(c -> SqlWriter.expr(c, "s")).toList()));
    }
}
