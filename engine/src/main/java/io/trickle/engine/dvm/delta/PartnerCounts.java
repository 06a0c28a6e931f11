package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;
import static io.trickle.engine.dvm.render.Fragments.weightOf;
import static io.trickle.engine.dvm.render.Fragments.weighted;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.render.Fragments;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The delta of "rows of P that have (or have not) a partner in O", shared by semi-joins, anti-joins
 * and the NULL-padded rows of outer joins. With P₀ = P₁ − ΔP:
 * Δ = ΔP restricted to [partner in O₁] + Σ over rows p of P₀ of w(p)·([p has a partner in O₁] − [p had one in O₀]).
 * The second term can only be non-zero for rows that meet a row of ΔO, and whether p had a partner
 * before is counted, not looked up: n₀(p) = n₁(p) − Σ w(o) over the rows o of ΔO that meet p.
 */
final class PartnerCounts {

    private PartnerCounts() {
    }

    /**
     * @param pCols      columns of P, read from alias {@code p} (or {@code c} for candidates)
     * @param p1 / dp    P after the window (a relation: a parenthesised query) and P's delta
     * @param o1 / dout  O after the window (a relation) and O's delta
     * @param on         the condition with P read through the first alias and O through the second
     * @param partner    rows that have a partner (semi-join) or that have none (anti-join, outer-join padding)
     * @param select     the output list around P's columns: receives P's alias, returns the SELECT list
     */
    static List<String> rows(List<ColumnId> pCols, String p1, String dp, String o1, String dout,
                             BiFunction<String, String, String> on, boolean partner, Function<String, String> select) {
        String has = partner ? "> 0" : "= 0";
        String direct = weighted(select.apply("p"), weightOf("p"), dp + " p WHERE " + (partner ? "" : "NOT ")
                + "EXISTS (SELECT 1 FROM " + o1 + " o WHERE " + on.apply("p", "o") + ")");
        String meetsChange = "EXISTS (SELECT 1 FROM " + dout + " o WHERE " + on.apply("p", "o") + ")";
        String candidates = Fragments.beforeWindow(pCols, p1, meetsChange, dp, meetsChange, "p");
        String flipped = weighted(select.apply("c"), weightOf("c") + " * ((CASE WHEN a.n1 " + has
                + " THEN 1 ELSE 0 END) - (CASE WHEN a.n1 - b.dn " + has + " THEN 1 ELSE 0 END))",
                subquery(candidates) + " c"
                + Fragments.lateralSubquery(false, "SELECT count(*) AS n1 FROM " + o1 + " o WHERE " + on.apply("c", "o"), "a")
                + Fragments.lateralSubquery(false, "SELECT coalesce(sum(" + weightOf("o") + "), 0) AS dn FROM " + dout
                        + " o WHERE " + on.apply("c", "o"), "b")
                + " WHERE (a.n1 " + has + ") <> (a.n1 - b.dn " + has + ")");
        return List.of(direct, flipped);
    }
}
