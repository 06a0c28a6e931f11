package io.trickle.engine.api;

import java.util.Locale;

/** The refresh mode a stream table is created with. */
public enum RefreshMode {
    /** DIFFERENTIAL where the query allows it, FULL otherwise; the reason is recorded. */
    AUTO,
    /** Recompute the whole query on every refresh. */
    FULL,
    /** Apply only the delta; refused at create time when the query cannot be maintained so. */
    DIFFERENTIAL,
    /**
     * Maintained inside the transaction that writes a source, after each statement, by the same delta
     * as DIFFERENTIAL (refused at create time for the same queries); no schedule.
     */
    IMMEDIATE;

    public static RefreshMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TrickleException.InvalidInputException("unknown refresh mode '" + text
                    + "'; expected AUTO, FULL, DIFFERENTIAL or IMMEDIATE");
        }
    }
}
