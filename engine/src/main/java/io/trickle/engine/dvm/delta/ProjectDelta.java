package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.stream.Collectors;

/**
 * Δπ(R) = π(ΔR): expressions are evaluated on the delta rows, weights pass through. Two input rows
 * that project to the same output row keep separate weights; they are summed where a consumer needs
 * consolidated rows. See ref-dvm.md §2.3.
 */
final class ProjectDelta {

    private ProjectDelta() {
    }

    static String delta(DeltaContext ctx, Project project, String input) {
        String select = project.outputs().stream()
                .map(o -> SqlWriter.expr(o.expr(), "s") + " AS " + ident(o.id()))
                .collect(Collectors.joining(", "));
        return ctx.cte("project", "SELECT " + select + ", s." + WEIGHT + " FROM " + input + " s");
    }
}
