package io.trickle.engine.bench;

/**
 * The identical copies of the source tables the suite keeps, one per kind of maintenance, so that
 * each is measured on the same data receiving the same changes: every cycle's changes are applied to
 * each copy.
 */
enum Copy {
    /** No maintenance at all: the DML's own cost, and the source of REFRESH MATERIALIZED VIEW. */
    PLAIN("plain"),
    /** The source of pg_ivm's IMMVs: its DML pays for their maintenance. */
    IVM("ivm"),
    /** The source of Trickle's stream tables: its DML pays for change capture. */
    TRICKLE("src");

    private final String prefix;

    Copy(String prefix) {
        this.prefix = prefix;
    }

    /** The tables of this copy in {@code schema}. */
    Sources in(String schema) {
        return new Sources(schema, prefix);
    }
}
