package io.trickle.engine.dvm;

import io.trickle.engine.dvm.op.Operator;
import java.util.Optional;

/**
 * Whether a query is <em>monotone</em>: adding rows to any of its inputs can only add rows to its
 * result, never remove one. Stream tables may read each other in a cycle only when every member is
 * monotone, because then refreshing the members in turn climbs towards one least fixpoint and stops
 * there; a non-monotone member can make the cycle oscillate, or settle on an answer that depends on
 * the order of refreshes. Read-only: it walks a finished tree and changes nothing. Each operator
 * says for itself whether it is monotone ({@link Operator#nonMonotone()}), and the semi-naive growth
 * of a recursive CTE asks the same question, so the two cannot disagree.
 *
 * <p>Monotone: scans, filters and projections (per-row expressions; volatile functions are refused
 * for DIFFERENTIAL already), inner joins, UNION ALL, DISTINCT (so UNION), INTERSECT, EXISTS / IN
 * (semi-joins), set-returning functions in FROM, LEFT or not (each input row yields its own rows,
 * whatever the other rows), and recursive CTEs whose terms are monotone.
 *
 * <p>Not monotone, named in the refusal: aggregates (a group's value changes, and a count or sum
 * is replaced rather than extended), EXCEPT, window functions, NOT EXISTS / NOT IN (anti-joins),
 * outer joins (a NULL-padded row is removed when its partner arrives), ORDER BY … LIMIT (a new row
 * pushes another out), scalar subqueries and sublinks inside expressions (their value per row
 * changes), and LATERAL subqueries (which may aggregate or limit per row). The last two are refused
 * conservatively: some of their forms are monotone, but the tree keeps their tail as SQL text.
 */
public final class Monotonicity {

    private Monotonicity() {
    }

    /** The first construct, in tree order, that makes the tree not monotone; empty when it is monotone. */
    public static Optional<String> firstNonMonotone(Operator tree) {
        return tree.firstNonMonotone();
    }
}
