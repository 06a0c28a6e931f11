package io.trickle.engine.api;

/** What a refresh did. */
public enum RefreshAction {
    /** Nothing changed in the sources; the storage table was not written. */
    NO_DATA,
    /** The delta of the change window was applied. */
    DIFFERENTIAL,
    /** The query was recomputed and the difference applied. */
    FULL,
    /** The query was derived again (after source DDL) and recomputed. */
    REINITIALIZE,
    /** The refresh did not run (watermark gating). */
    SKIP
}
