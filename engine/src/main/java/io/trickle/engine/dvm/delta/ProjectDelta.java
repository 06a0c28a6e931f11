package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.render.Fragments;

/**
 * Δπ(R) = π(ΔR): expressions are evaluated on the delta rows, weights pass through. Two input rows
 * that project to the same output row keep separate weights; they are summed where a consumer needs
 * consolidated rows. See ref-dvm.md §2.3.
 */
final class ProjectDelta {

    private ProjectDelta() {
    }

    static String delta(DeltaContext ctx, Project project, String input) {
        return ctx.cte("project", Fragments.weighted(Fragments.computed(project.outputs(), "s"), Fragments.weightOf("s"),
                input + " s"));
    }
}
