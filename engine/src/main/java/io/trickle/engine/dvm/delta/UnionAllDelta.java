package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.render.Fragments;
import java.util.ArrayList;
import java.util.List;

/** Δ(A ⊎ B) = ΔA ⊎ ΔB: each branch's delta, renamed to the union's columns. See ref-dvm.md §2.11. */
final class UnionAllDelta {

    private UnionAllDelta() {
    }

    static String delta(DeltaContext ctx, UnionAll union, List<String> branchDeltas) {
        List<String> parts = new ArrayList<>();
        for (int b = 0; b < branchDeltas.size(); b++) {
            parts.add(Fragments.weighted(Fragments.renamed("s", union.branches().get(b).columns(), union.columns()),
                    Fragments.weightOf("s"), branchDeltas.get(b) + " s"));
        }
        return ctx.cte("union", Fragments.unionAll(parts));
    }
}
