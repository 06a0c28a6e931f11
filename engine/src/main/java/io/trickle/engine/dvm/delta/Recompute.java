package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;

import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.Window;
import io.trickle.engine.dvm.render.Fragments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scoped recomputation for operators whose output rows depend on many input rows at once: the
 * operator is evaluated after the window and before it, over the part of the input a change can
 * affect, and the difference is the delta. For a window function that part is the partitions the
 * input's delta touches (Δ = W(R₁ restricted to P) − W(R₀ restricted to P)); for a top-k or a
 * recursive CTE it is everything, and only when something changed. These are part of differential
 * maintenance (DESIGN §2), reported as DIFFERENTIAL. See ref-dvm.md §2.15, §2.16, §2.19.
 */
final class Recompute {

    private Recompute() {
    }

    /** Whether any source under {@code op} changed: cheap, unlike asking whether its input's delta is empty. */
    static String anySourceChanged(DeltaContext ctx, Operator op) {
        List<String> windows = new ArrayList<>();
        for (String w : sourceWindows(ctx, op)) {
            windows.add(Fragments.nonEmpty(w));
        }
        return windows.isEmpty() ? "false" : "(" + String.join(" OR ", windows) + ")";
    }

    static String window(DeltaContext ctx, Differentiator differentiator, Window window) {
        if (window.partition().isEmpty()) {
            return whole(ctx, "window", window, anySourceChanged(ctx, window));
        }
        String input = differentiator.delta(window.input());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < window.partition().size(); i++) {
            names.add("p" + (i + 1));
        }
        String keys = KeyScope.keysCte(ctx, input, window.partition(), names);
        Operator scoped = window.withInputs(List.of(KeyScope.restrict(window.input(), window.partition(), keys, names)));
        return ctx.cte("window", Fragments.difference(window.columns(), subquery(ctx.newState(scoped)),
                subquery(ctx.oldState(scoped)), null));
    }

    static String topK(DeltaContext ctx, TopK topK) {
        return whole(ctx, "topk", topK, anySourceChanged(ctx, topK));
    }

    /** The change windows of every source a subtree scans: "anything changed under it". */
    static Set<String> sourceWindows(DeltaContext ctx, Operator op) {
        Set<String> out = new LinkedHashSet<>();
        for (Scan s : op.scans()) {
            out.add(ctx.windows().require(s.relation().oid(), s.relation().qualifiedName()));
        }
        return out;
    }

    private static String whole(DeltaContext ctx, String kind, Operator op, String changed) {
        return ctx.cte(kind, Fragments.difference(op.columns(), subquery(ctx.newState(op)), subquery(ctx.oldState(op)), changed));
    }

}
