package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.Scan;
import java.util.stream.Collectors;

/**
 * Δ(Scan R) = ΔR: the source's change window, already consolidated by the refresh (one row per
 * distinct source row with its net weight), renamed to the scan's column ids. See ref-dvm.md §2.1.
 */
final class ScanDelta {

    private ScanDelta() {
    }

    static String delta(DeltaContext ctx, Scan scan) {
        String window = ctx.windows().require(scan.relation().oid(), scan.relation().qualifiedName());
        String select = scan.scanColumns().stream()
                .map(c -> "d." + ident(c.sourceColumn()) + " AS " + ident(c.id()))
                .collect(Collectors.joining(", "));
        return ctx.cte("scan", "SELECT " + select + ", d." + WEIGHT + " FROM " + window + " d");
    }
}
