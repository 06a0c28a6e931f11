package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.names;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Scoped recomputation for operators whose output rows depend on many input rows at once: the
 * operator is evaluated after the window and before it, over the part of the input a change can
 * affect, and the difference is the delta. For a window function that part is the partitions the
 * input's delta touches (Δ = W(R₁ restricted to P) − W(R₀ restricted to P)); for a top-k or a
 * recursive CTE it is everything, and only when something changed. These are part of differential
 * maintenance (DESIGN §2), reported as DIFFERENTIAL. See ref-dvm.md §2.15, §2.16, §2.19.
 */
public final class Recompute {

    private Recompute() {
    }

    /** Whether any source under {@code op} changed: cheap, unlike asking whether its input's delta is empty. */
    static String anySourceChanged(DeltaContext ctx, Operator op) {
        List<String> windows = new ArrayList<>();
        for (String w : sourceWindows(ctx, op)) {
            windows.add("EXISTS (SELECT 1 FROM " + w + ")");
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
        return scoped(ctx, "window", input1 -> new Window(input1, window.calls(), window.partition()),
                KeyScope.restrict(window.input(), window.partition(), keys, names), window.columns());
    }

    static String topK(DeltaContext ctx, TopK topK) {
        return whole(ctx, "topk", topK, anySourceChanged(ctx, topK));
    }

    /** The change windows of every source a subtree scans: "anything changed under it". */
    public static Set<String> sourceWindows(DeltaContext ctx, Operator op) {
        Set<String> out = new LinkedHashSet<>();
        for (Scan s : op.scans()) {
            out.add(ctx.windows().require(s.relation().oid(), s.relation().qualifiedName()));
        }
        return out;
    }

    private static String whole(DeltaContext ctx, String kind, Operator op, String changed) {
        String cols = names(op.columns());
        return ctx.cte(kind, "SELECT " + cols + ", 1::bigint AS " + WEIGHT + " FROM (" + ctx.newState(op) + ") n WHERE " + changed
                + "\n  UNION ALL SELECT " + cols + ", -1::bigint FROM (" + ctx.oldState(op) + ") o WHERE " + changed);
    }

    private static String scoped(DeltaContext ctx, String kind, UnaryOperator<Operator> rebuild, Operator restrictedInput,
                                 List<ColumnId> columns) {
        Operator op = rebuild.apply(restrictedInput);
        String cols = names(columns);
        return ctx.cte(kind, "SELECT " + cols + ", 1::bigint AS " + WEIGHT + " FROM (" + ctx.newState(op) + ") n"
                + "\n  UNION ALL SELECT " + cols + ", -1::bigint FROM (" + ctx.oldState(op) + ") o");
    }

}
