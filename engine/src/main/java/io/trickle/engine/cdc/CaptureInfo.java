package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;

/**
 * How one source is captured: its buffer in {@code pgtrickle_changes}, named after the tracking
 * row's id (never after an OID, so a dump and restore keeps it valid).
 *
 * @param bufferId    the tracking row's id
 * @param sourceOid   the source relation
 * @param sourceName  {@code schema.name} of the source, for messages
 * @param triggerMode statement or row
 */
public record CaptureInfo(long bufferId, long sourceOid, String sourceName, String triggerMode) {

    public static final String SCHEMA = "pgtrickle_changes";

    public static String bufferTable(long bufferId) {
        return "changes_" + bufferId;
    }

    public static String functionName(long bufferId) {
        return "capture_" + bufferId;
    }

    /** {@code pgtrickle_changes."changes_<id>"}. */
    public String qualifiedBuffer() {
        return SCHEMA + "." + PgQuote.ident(bufferTable(bufferId));
    }

    public String qualifiedFunction() {
        return SCHEMA + "." + PgQuote.ident(functionName(bufferId));
    }
}
