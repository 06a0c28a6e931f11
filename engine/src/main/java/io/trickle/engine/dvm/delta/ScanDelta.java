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
        return ctx.cte("scan", Fragments.weighted(Fragments.scanColumns(scan, "d"), Fragments.weightOf("d"), window + " d"));
    }
}
