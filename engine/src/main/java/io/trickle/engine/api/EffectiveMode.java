package io.trickle.engine.api;

/**
 * How the engine maintains a stream table: what its {@link RefreshMode} came to. AUTO becomes FULL
 * when the query cannot be maintained differentially (the table says why); a refresh of a
 * DIFFERENTIAL table may still recompute for a reason of its own ({@link ReasonCode}).
 */
public enum EffectiveMode {
    /** Every refresh recomputes the query and applies the difference. */
    FULL,
    /** Refreshes apply the delta of the change window. */
    DIFFERENTIAL,
    /** Maintained inside each writing transaction by statement triggers through the compiled delta (issue 21). */
    IMMEDIATE
}
