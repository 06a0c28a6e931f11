package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.Fragments.subquery;
import static io.trickle.engine.dvm.render.Fragments.weightOf;
import static io.trickle.engine.dvm.render.Fragments.weighted;
import static io.trickle.engine.dvm.render.SqlWriter.cols;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.render.Fragments;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Δ(L ⋈ R) = ΔL ⋈ R₁ + L₁ ⋈ ΔR − ΔL ⋈ ΔR, with L₁, R₁ the inputs after the window. This is the exact
 * two-state form (ref-dvm.md §2.4 and §5): no pre-window state is needed, and deleting a row together
 * with its partner, or replacing a partner, cancels exactly.
 *
 * <p>An outer join adds the rows of one side that have no partner, padded with NULLs: their delta is
 * {@link PartnerCounts}' rule for rows without a partner. RIGHT uses the mirror image, FULL both.
 * See ref-dvm.md §2.5–2.6.
 */
final class JoinDelta {

    private JoinDelta() {
    }

    static String delta(DeltaContext ctx, Join join, String dl, String dr) {
        List<String> parts = new ArrayList<>();
        String l1 = subquery(ctx.newState(join.left()));
        String r1 = subquery(ctx.newState(join.right()));
        String select = cols("l", join.left().columns()) + ", " + cols("r", join.right().columns());
        String on = " ON " + condition(join, "l", "r");
        parts.add(weighted(select, weightOf("l"), dl + " l JOIN " + r1 + " r" + on));
        parts.add(weighted(select, weightOf("r"), l1 + " l JOIN " + dr + " r" + on));
        parts.add(weighted(select, "-(" + weightOf("l") + " * " + weightOf("r") + ")", dl + " l JOIN " + dr + " r" + on));
        if (join.kind().keepsLeft()) {
            parts.addAll(unmatched(ctx, join, true, l1, r1, dl, dr));
        }
        if (join.kind().keepsRight()) {
            parts.addAll(unmatched(ctx, join, false, r1, l1, dr, dl));
        }
        return ctx.cte("join", Fragments.unionAll(parts));
    }

    /** The join condition with left columns read from {@code leftAlias} and right ones from {@code rightAlias}. */
    private static String condition(Join join, String leftAlias, String rightAlias) {
        return Fragments.joinCondition(join.conditions(), join.left().columns(), leftAlias, rightAlias);
    }

    /**
     * The delta of the NULL-padded rows of the preserved side P against the other side O.
     * {@code preservedLeft} says which side of the join P is (it decides column order and aliases).
     */
    private static List<String> unmatched(DeltaContext ctx, Join join, boolean preservedLeft, String p1, String o1,
                                          String dp, String dout) {
        List<ColumnId> pCols = preservedLeft ? join.left().columns() : join.right().columns();
        List<ColumnId> oCols = preservedLeft ? join.right().columns() : join.left().columns();
        List<String> nulls = new ArrayList<>();
        for (ColumnId id : oCols) {
            nulls.add(SqlWriter.nullOf(ctx.type(id)) + " AS " + ident(id));
        }
        String padding = String.join(", ", nulls);
        return PartnerCounts.rows(pCols, p1, dp, o1, dout,
                (pa, oa) -> preservedLeft ? condition(join, pa, oa) : condition(join, oa, pa), false,
                alias -> ordered(preservedLeft, cols(alias, pCols), padding));
    }

    private static String ordered(boolean preservedLeft, String preserved, String padding) {
        return preservedLeft ? preserved + ", " + padding : padding + ", " + preserved;
    }
}
