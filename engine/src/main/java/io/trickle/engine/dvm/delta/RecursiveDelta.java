package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;
import static io.trickle.engine.dvm.render.ReservedNames.MULTIPLICITY;
import static io.trickle.engine.dvm.render.ReservedNames.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.names;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.State;
import io.trickle.engine.dvm.render.StateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The delta of a linear WITH RECURSIVE (ref-dvm.md §2.19). When every source the CTE reads only
 * gained rows in the window and the CTE is monotone in its sources (every operator of its terms
 * says it is: scans, filters, projections, inner joins, semi-joins, unions, DISTINCT, INTERSECT,
 * set-returning functions), the new rows are found by
 * semi-naive evaluation, R₀ being the CTE before the window and S its recursive term:
 * <pre>
 *   Δ₀   = Δbase + (S(R₀, T₁) − S(R₀, T₀))    new base rows, and new derivations of old rows through new source rows
 *   Δᵢ₊₁ = S(Δᵢ, T₁)                          the recursive term run from the new rows only
 * </pre>
 * and ΣΔᵢ = R₁ − R₀, because S reads the CTE once (it is linear in R): R₁ − R₀ = Δ₀ + S(R₁ − R₀, T₁).
 * Under UNION, rows already in R₀ are left out at every step. Otherwise (a source lost rows, or was
 * updated) the CTE is recomputed and compared with R₀. R₀ is the storage table when the CTE is the
 * query itself, else the CTE evaluated over the old sources. Both branches sit in one query; only the
 * one whose condition holds runs.
 */
final class RecursiveDelta {

    private RecursiveDelta() {
    }

    static String delta(DeltaContext ctx, Differentiator differentiator, RecursiveCte cte) {
        Set<String> windows = Recompute.sourceWindows(ctx, cte);
        String cols = names(cte.columns());
        if (windows.isEmpty()) {
            return ctx.cte("recursive", Fragments.weighted(cols, "0::bigint", subquery(ctx.newState(cte)) + " n WHERE false"));
        }
        String changed = Recompute.anySourceChanged(ctx, cte);
        String old = ctx.cte("recursive_old", ctx.oldState(cte));
        if (!seminaive(ctx, cte)) {
            return ctx.cte("recursive", recompute(ctx, cte, old, "(" + changed + ")"));
        }
        String insertOnly = windows.stream().map(w -> "NOT EXISTS (SELECT 1 FROM " + w + " WHERE " + WEIGHT + " < 0)")
                .collect(Collectors.joining(" AND "));
        String seeds = seeds(ctx, differentiator, cte, old);
        String seed;
        Function<List<String>, String> notOld = null;
        if (cte.unionAll()) {
            seed = "SELECT " + cols + " FROM (" + seeds + ") g" + Fragments.copies("g." + MULTIPLICITY);
        } else {
            seed = "SELECT " + cols + " FROM (" + seeds + ") g WHERE " + notIn(old, cte.columns(), prefixed("g", cte.columns()));
            notOld = exprs -> notIn(old, cte.columns(), exprs);
        }
        String name = ReservedNames.seminaive(cte.name());
        String recursion = StateRenderer.renderRecursion(cte, name, seed, State.NEW, ctx.windows(), notOld);
        String added = Fragments.added(cols, subquery(recursion) + " r WHERE (" + changed + ") AND " + insertOnly);
        return ctx.cte("recursive", Fragments.unionAll(List.of(added,
                recompute(ctx, cte, old, "(" + changed + ") AND NOT (" + insertOnly + ")"))));
    }

    private static String recompute(DeltaContext ctx, RecursiveCte cte, String old, String when) {
        return Fragments.difference(cte.columns(), subquery(ctx.newState(cte)), old, when);
    }

    /**
     * Δ₀ with its multiplicities: the base's delta and the recursive term's delta for the source
     * changes with the working table bound to R₀ (its own delta is empty), consolidated.
     */
    private static String seeds(DeltaContext ctx, Differentiator differentiator, RecursiveCte cte, String old) {
        String dBase = differentiator.delta(cte.base());
        String dStep;
        ctx.bindRecursiveReference(cte.name(), old);
        try {
            dStep = differentiator.delta(cte.step());
        } finally {
            ctx.bindRecursiveReference(cte.name(), null);
        }
        String cols = names(cte.columns());
        return "SELECT " + cols + ", sum(" + WEIGHT + ")::bigint AS " + MULTIPLICITY + " FROM ("
                + renamed(dBase, cte.base().columns(), cte.columns()) + " UNION ALL "
                + renamed(dStep, cte.step().columns(), cte.columns()) + ") d GROUP BY " + cols + " HAVING sum(" + WEIGHT + ") > 0";
    }

    private static String renamed(String delta, List<ColumnId> from, List<ColumnId> to) {
        return Fragments.weighted(Fragments.renamed("d", from, to), Fragments.weightOf("d"), delta + " d");
    }

    private static List<String> prefixed(String alias, List<ColumnId> columns) {
        return columns.stream().map(c -> col(alias, c)).toList();
    }

    /** No row of R₀ equals the given values. */
    private static String notIn(String old, List<ColumnId> columns, List<String> values) {
        List<String> same = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            same.add(col("o", columns.get(i)) + " IS NOT DISTINCT FROM (" + values.get(i) + ")");
        }
        return "NOT EXISTS (SELECT 1 FROM " + old + " o WHERE " + String.join(" AND ", same) + ")";
    }

    /**
     * Semi-naive insertion needs a CTE whose output only grows when its sources do, and columns that
     * can be grouped (the seeds are consolidated). Growth is asked of the operators themselves
     * ({@link Operator#firstNonMonotone()}), the question cycles of stream tables ask too. The other
     * half of the argument, that the recursive term is linear in the working table, holds by
     * construction: the reference may only sit under projections, filters and inner joins
     * ({@code RecursiveStepRenderer} refuses anything else), so an INTERSECT or a DISTINCT can only
     * read the sources, where being monotone is all that is needed.
     */
    private static boolean seminaive(DeltaContext ctx, RecursiveCte cte) {
        for (ColumnId c : cte.columns()) {
            if (!ctx.type(c).hasEquality()) {
                return false;
            }
        }
        return cte.base().firstNonMonotone().isEmpty() && cte.step().firstNonMonotone().isEmpty();
    }
}
