package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.cols;

import io.trickle.engine.dvm.op.ColumnId;
import java.util.List;
import java.util.function.BiFunction;

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
     * @param p1 / dp    P after the window and P's delta
     * @param o1 / dout  O after the window and O's delta
     * @param on         the condition with P read through the first alias and O through the second
     * @param partner    rows that have a partner (semi-join) or that have none (anti-join, outer-join padding)
     * @param select     the output list around P's columns: receives P's alias, returns the SELECT list
     */
    static List<String> rows(List<ColumnId> pCols, String p1, String dp, String o1, String dout,
                             BiFunction<String, String, String> on, boolean partner,
                             java.util.function.Function<String, String> select) {
        String has = partner ? "> 0" : "= 0";
        String direct = "SELECT " + select.apply("p") + ", p." + WEIGHT + " FROM " + dp + " p WHERE "
                + (partner ? "" : "NOT ") + "EXISTS (SELECT 1 FROM (" + o1 + ") o WHERE " + on.apply("p", "o") + ")";
        String candidates = "SELECT " + cols("p", pCols) + ", 1::bigint AS " + WEIGHT + " FROM (" + p1 + ") p"
                + " WHERE EXISTS (SELECT 1 FROM " + dout + " o WHERE " + on.apply("p", "o") + ")"
                + " UNION ALL SELECT " + cols("p", pCols) + ", -p." + WEIGHT + " FROM " + dp + " p"
                + " WHERE EXISTS (SELECT 1 FROM " + dout + " o WHERE " + on.apply("p", "o") + ")";
        String flipped = "SELECT " + select.apply("c") + ", c." + WEIGHT + " * ((CASE WHEN a.n1 " + has
                + " THEN 1 ELSE 0 END) - (CASE WHEN a.n1 - b.dn " + has + " THEN 1 ELSE 0 END))"
                + " FROM (" + candidates + ") c"
                + " CROSS JOIN LATERAL (SELECT count(*) AS n1 FROM (" + o1 + ") o WHERE " + on.apply("c", "o") + ") a"
                + " CROSS JOIN LATERAL (SELECT coalesce(sum(o." + WEIGHT + "), 0) AS dn FROM " + dout + " o WHERE "
                + on.apply("c", "o") + ") b"
                + " WHERE (a.n1 " + has + ") <> (a.n1 - b.dn " + has + ")";
        return List.of(direct, flipped);
    }
}
