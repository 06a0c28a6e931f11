package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.UnionAll;
import java.util.ArrayList;
import java.util.List;

/** Δ(A ⊎ B) = ΔA ⊎ ΔB: each branch's delta, renamed to the union's columns. See ref-dvm.md §2.11. */
final class UnionAllDelta {

    private UnionAllDelta() {
    }

    static String delta(DeltaContext ctx, UnionAll union, List<String> branchDeltas) {
        List<String> parts = new ArrayList<>();
        for (int b = 0; b < branchDeltas.size(); b++) {
            List<String> select = new ArrayList<>();
            for (int i = 0; i < union.columns().size(); i++) {
                select.add(col("s", union.branches().get(b).columns().get(i)) + " AS " + ident(union.columns().get(i)));
            }
            parts.add("SELECT " + String.join(", ", select) + ", s." + WEIGHT + " FROM " + branchDeltas.get(b) + " s");
        }
        return ctx.cte("union", String.join("\n  UNION ALL ", parts));
    }
}
