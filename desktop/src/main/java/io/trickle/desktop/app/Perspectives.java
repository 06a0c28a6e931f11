package io.trickle.desktop.app;

import io.trickle.desktop.workbench.LayoutCodec;
import io.trickle.desktop.workbench.Perspective;
import io.trickle.desktop.workbench.PerspectiveRegistry;

/**
 * The perspectives of the workbench and their default arrangements, written in the layout text
 * format so they read like a sketch of the window. Raise a perspective's layout version when its
 * default changes, so that arrangements stored for the old default give way.
 */
final class Perspectives {

    static final String ADMINISTRATION = "administration";
    static final String MONITORING = "monitoring";
    static final String BENCHMARKS = "benchmarks";

    private Perspectives() {
    }

    static PerspectiveRegistry create() {
        PerspectiveRegistry registry = new PerspectiveRegistry();
        registry.register(new Perspective(ADMINISTRATION, "Administration", "fth-tool", 2, LayoutCodec.decode(
                "split(h 0.24 0.78: stack(left *connections navigator),"
                        + " split(v 0.62: editors, stack(bottom *jobs history data console)),"
                        + " stack(right *properties))")));
        // The history, the data and the jobs below run under the properties too: their tables need the width.
        registry.register(new Perspective(MONITORING, "Monitoring", "fth-activity", 3, LayoutCodec.decode(
                "split(h 0.24: stack(left *navigator connections),"
                        + " split(v 0.62: split(h 0.7: stack(centre *dag watermarks console), stack(right *properties)),"
                        + " stack(bottom *history data jobs)))")));
        registry.register(new Perspective(BENCHMARKS, "Benchmarks", "fth-bar-chart-2", 1, LayoutCodec.decode(
                "split(v 0.72: stack(centre *benchmarks), stack(bottom *jobs))")));
        return registry;
    }
}
