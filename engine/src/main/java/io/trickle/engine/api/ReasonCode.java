package io.trickle.engine.api;

/**
 * Why a refresh was not a plain differential one, as a code: stored in the history's
 * {@code reason_code} column next to the sentence ({@code reason}), so that what reads the history —
 * AUTO's cost model, monitoring, the workbench — never parses the sentence.
 */
public enum ReasonCode {
    /** A table created without data got its first rows. */
    FIRST_POPULATION,
    /** A source had no frontier for this table (never consumed). */
    NO_FRONTIER,
    /** Someone asked for a full refresh ({@code refresh --full}). */
    REQUESTED_FULL,
    /** A source's changes cannot be captured (a view, a foreign table). */
    UNCAPTURED_SOURCE,
    /** A source was truncated within the window. */
    SOURCE_TRUNCATED,
    /** The table's refresh mode is FULL. */
    MODE_FULL,
    /** AUTO: the query cannot be maintained differentially (the table says why). */
    NOT_DIFFERENTIABLE,
    /** AUTO: a window held more than {@code differential_max_change_ratio} of its source. */
    CHANGE_RATIO,
    /** AUTO: the table's past refreshes predict that a full refresh is cheaper. */
    COST_MODEL,
    /** AUTO: a differential refresh ran past its budget and was abandoned for a full one. */
    DIFFERENTIAL_ABANDONED,
    /** AUTO: the window touches so many of an aggregate's groups that recomputing is cheaper. */
    AGGREGATE_SATURATION,
    /** The columns a table uses changed (dropped, renamed, retyped): derived again and recomputed. */
    SOURCE_CHANGED,
    /** A reinitialisation was pending (after an alter, or a cycle that did not converge). */
    REINIT_PENDING,
    /** Capture trapped an error on a source instead of failing a write: recomputed. */
    CAPTURE_FAILED,
    /** The storage layout this engine derives differs from the table's. */
    LAYOUT_CHANGED,
    /** Watermark gating held the refresh back. */
    WATERMARK_MISALIGNED,
    /** A cycle was recomputed from empty tables. */
    CYCLE_RECOMPUTE,
    /** The population when the table was created. */
    INITIAL_POPULATION,
    /** An IMMEDIATE table: its writers maintain it, so a refresh has nothing to do. */
    MAINTAINED_IMMEDIATELY;

    /** The code stored in the history, or null. */
    public static ReasonCode of(String stored) {
        if (stored == null) {
            return null;
        }
        for (ReasonCode c : values()) {
            if (c.name().equals(stored)) {
                return c;
            }
        }
        return null;
    }
}
