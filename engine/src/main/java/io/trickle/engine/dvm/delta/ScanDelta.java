package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.render.Fragments;

/**
 * Δ(Scan R) = ΔR: the source's change window, already consolidated by the refresh (one row per
 * distinct source row with its net weight), renamed to the scan's column ids. See ref-dvm.md §2.1.
 */
final class ScanDelta {

    private ScanDelta() {
    }

    static String delta(DeltaContext ctx, Scan scan) {
        String window = ctx.windows().require(scan.relation().oid(), scan.relation().qualifiedName());
        String sql = Fragments.weighted(Fragments.scanColumns(scan, "d"), Fragments.weightOf("d"), window + " d");
        // A window known to be empty is inlined wherever it is read, so that the planner drops every
        // branch of the delta that joins it (a CTE read twice would otherwise be kept and estimated).
        return ctx.windows().isUnchanged(scan.relation().oid()) ? ctx.inlinedCte("scan", sql) : ctx.cte("scan", sql);
    }
}
