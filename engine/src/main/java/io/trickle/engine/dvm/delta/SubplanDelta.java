package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;
import static io.trickle.engine.dvm.render.Fragments.weightOf;
import static io.trickle.engine.dvm.render.SqlWriter.cols;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Subplan;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.dvm.render.State;
import io.trickle.engine.dvm.render.SubplanRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * Δ of an input L extended by a correlated subquery q (a scalar or EXISTS value, or a LATERAL join):
 * Δ(L ⋈ q) = ΔL ⋈ q₁ + L₀ ⋈ (q₁ − q₀), and q₁(l) differs from q₀(l) only for rows l whose correlation
 * keys (the outer side of {@code inner = outer} conjuncts) match a key that the subquery body's
 * change ΔB touches. So: ΔL joined with q after the window, plus, for the candidate rows of
 * L₀ = L₁ − ΔL with touched keys, q after the window minus q before it. Without equality keys every
 * row of L is a candidate once ΔB is not empty. q before the window reads the body's state before it.
 */
final class SubplanDelta {

    private SubplanDelta() {
    }

    static String valueDelta(DeltaContext ctx, SubqueryValue sv, String dInput, String dBody) {
        String candidates = uncorrelated(ctx, sv)
                ? valueChangedCandidates(ctx, sv, dInput)
                : candidates(ctx, sv.input(), sv.subplan(), dInput, dBody);
        List<String> parts = new ArrayList<>();
        parts.add(valueRows(ctx, sv, dInput, "l", State.NEW, weightOf("l")));
        parts.add(valueRows(ctx, sv, candidates, "c", State.NEW, weightOf("c")));
        parts.add(valueRows(ctx, sv, candidates, "c", State.OLD, "-" + weightOf("c")));
        return ctx.cte("subquery_value", Fragments.unionAll(parts));
    }

    private static String valueRows(DeltaContext ctx, SubqueryValue sv, String relation, String alias, State state,
                                    String weight) {
        return Fragments.weighted(cols(alias, sv.input().columns()) + ", " + value(ctx, sv, alias, state) + " AS "
                + ident(sv.output()), weight, relation + " " + alias);
    }

    /** The value for the outer row called {@code alias}, over the body's state before or after the window. */
    private static String value(DeltaContext ctx, SubqueryValue sv, String alias, State state) {
        String subquery = SubplanRenderer.render(sv.subplan(), body -> render(ctx, body, state), alias, null);
        return SqlWriter.expr(sv.value(), alias).replace(SubqueryValue.PLACEHOLDER, subquery);
    }

    /**
     * Whether the value is the same for every outer row (it reads nothing of it): then it renders
     * alike whatever the outer row is called.
     */
    private static boolean uncorrelated(DeltaContext ctx, SubqueryValue sv) {
        return sv.subplan().correlation().isEmpty()
                && value(ctx, sv, "c", State.NEW).equals(value(ctx, sv, "l", State.NEW));
    }

    /**
     * For a value the same for every row (TPC-H q15's {@code = (SELECT max(…) FROM revenue)}), the rows
     * of L₀ need recomputing only when that one value changed, not whenever its body did: most
     * changes to the body leave a maximum where it was, and then no row of L is read at all.
     */
    private static String valueChangedCandidates(DeltaContext ctx, SubqueryValue sv, String dInput) {
        String changed = ctx.cte("subquery_changed", "SELECT (" + value(ctx, sv, "c", State.NEW)
                + ") IS DISTINCT FROM (" + value(ctx, sv, "c", State.OLD) + ") AS changed");
        String gate = "(SELECT changed FROM " + changed + ")";
        return ctx.cte("subquery_candidates", Fragments.beforeWindow(sv.input().columns(),
                subquery(ctx.newState(sv.input())), gate, dInput, gate, "s"));
    }

    static String lateralDelta(DeltaContext ctx, LateralSubquery ls, String dInput, String dBody) {
        String candidates = candidates(ctx, ls.input(), ls.subplan(), dInput, dBody);
        List<String> parts = new ArrayList<>();
        parts.add(lateralRows(ctx, ls, dInput, "l", State.NEW, weightOf("l")));
        parts.add(lateralRows(ctx, ls, candidates, "c", State.NEW, weightOf("c")));
        parts.add(lateralRows(ctx, ls, candidates, "c", State.OLD, "-" + weightOf("c")));
        return ctx.cte("lateral_subquery", Fragments.unionAll(parts));
    }

    private static String lateralRows(DeltaContext ctx, LateralSubquery ls, String relation, String alias, State state,
                                      String weight) {
        String subquery = SubplanRenderer.render(ls.subplan(), body -> render(ctx, body, state), alias, ls.outputs());
        return Fragments.weighted(cols(alias, ls.input().columns()) + ", " + cols("q", ls.outputs()), weight,
                relation + " " + alias + Fragments.lateralSubquery(ls.leftJoin(), subquery, "q"));
    }

    private static String render(DeltaContext ctx, Operator op, State state) {
        return state == State.NEW ? ctx.newState(op) : ctx.oldState(op);
    }

    /** Rows of L before the window whose subquery result may have changed, as a weighted relation. */
    private static String candidates(DeltaContext ctx, Operator input, Subplan plan, String dInput, String dBody) {
        if (plan.keys().isEmpty()) {
            String gate = Fragments.nonEmpty(dBody);
            return ctx.cte("subquery_candidates", Fragments.beforeWindow(input.columns(), subquery(ctx.newState(input)), gate,
                    dInput, gate, "s"));
        }
        List<Expr> inner = plan.keys().stream().map(Subplan.KeyPair::inner).toList();
        List<Expr> outer = plan.keys().stream().map(Subplan.KeyPair::outer).toList();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inner.size(); i++) {
            names.add("k" + (i + 1));
        }
        String keys = KeyScope.keysCte(ctx, dBody, inner, names);
        String restricted = subquery(ctx.newState(KeyScope.restrict(input, outer, keys, names)));
        List<String> same = new ArrayList<>();
        for (int i = 0; i < outer.size(); i++) {
            same.add("k." + ident(names.get(i)) + " IS NOT DISTINCT FROM " + SqlWriter.expr(outer.get(i), "s"));
        }
        String touched = "EXISTS (SELECT 1 FROM " + keys + " k WHERE " + String.join(" AND ", same) + ")";
        return ctx.cte("subquery_candidates", Fragments.beforeWindow(input.columns(), restricted, null, dInput, touched, "s"));
    }
}
