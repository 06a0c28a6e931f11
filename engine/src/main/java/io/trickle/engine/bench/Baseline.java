package io.trickle.engine.bench;

import java.util.Locale;

/** What a CSV row measures (the {@code baseline} column of DESIGN §6). */
public enum Baseline {
    /** Trickle's stream table in the suite's mode (DIFFERENTIAL unless asked otherwise). */
    TRICKLE("DIFFERENTIAL"),
    /** Trickle's FULL stream table over the same query: the engine recomputing. */
    FULL("FULL"),
    /** {@code REFRESH MATERIALIZED VIEW} of the same query: what people use today. */
    REFRESH_MV("FULL"),
    /** pg_ivm's IMMV of the same query, maintained inside the writing transaction. */
    PG_IVM("IMMEDIATE"),
    /** The source without any maintenance: the DML's own cost. */
    PLAIN("NONE");

    private final String mode;

    Baseline(String mode) {
        this.mode = mode;
    }

    /** The value of the CSV's {@code mode} column for rows of this baseline (Trickle's rows say their own mode). */
    public String defaultMode() {
        return mode;
    }

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a CSV value; an unknown one is null. */
    public static Baseline fromCsv(String value) {
        for (Baseline b : values()) {
            if (b.csvName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return b;
            }
        }
        return null;
    }
}
