package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.cols;

import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.render.Fragments;

/**
 * Δ(L ⋉ R) and Δ(L ▷ R): the rows of L whose having-a-partner in R is as required, by
 * {@link PartnerCounts}' rule (only rows of L that meet a changed row of R are reconsidered).
 * EXISTS, IN and ANY are semi-joins; NOT EXISTS, NOT IN and ALL anti-joins whose conditions the
 * translator wrote with SQL's NULL rules. See ref-dvm.md §2.7–2.8.
 */
final class SemiJoinDelta {

    private SemiJoinDelta() {
    }

    static String delta(DeltaContext ctx, SemiJoin join, String dl, String dr) {
        String l1 = Fragments.subquery(ctx.newState(join.left()));
        String r1 = Fragments.subquery(ctx.newState(join.right()));
        return ctx.cte(join.anti() ? "antijoin" : "semijoin", Fragments.unionAll(
                PartnerCounts.rows(join.left().columns(), l1, dl, r1, dr,
                        (pa, oa) -> Fragments.joinCondition(join.conditions(), join.left().columns(), pa, oa),
                        !join.anti(), alias -> cols(alias, join.left().columns()))));
    }
}
