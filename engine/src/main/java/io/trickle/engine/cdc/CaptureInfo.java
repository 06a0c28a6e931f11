package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import java.util.List;

/**
 * How one source is captured: its buffer in {@code pgtrickle_changes}, named after the tracking
 * row's id (never after an OID, so a dump and restore keeps it valid).
 *
 * @param bufferId         the tracking row's id
 * @param sourceOid        the source relation
 * @param sourceName       {@code schema.name} of the source, for messages
 * @param triggerMode      statement or row
 * @param format           how the buffer holds rows: typed columns, or the JSON of engines before 0.7.0.5
 * @param capturedColumns  the source columns the buffer holds (typed format), in buffer order
 */
public record CaptureInfo(long bufferId, long sourceOid, String sourceName, String triggerMode, BufferFormat format,
                          List<String> capturedColumns) {

    public static final String SCHEMA = "pgtrickle_changes";

    public CaptureInfo {
        capturedColumns = List.copyOf(capturedColumns);
    }

    /** The buffer's row format. */
    public enum BufferFormat {
        /** One column per captured source column, in the source's own type. */
        TYPED,
        /** {@code row_to_json} of the whole row (engines before 0.7.0.5); converted by {@code install}. */
        JSON;

        static BufferFormat of(String catalogValue) {
            return "typed".equals(catalogValue) ? TYPED : JSON;
        }

        String catalogValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static String bufferTable(long bufferId) {
        return "changes_" + bufferId;
    }

    public static String functionName(long bufferId) {
        return "capture_" + bufferId;
    }

    /** {@code pgtrickle_changes."changes_<id>"}. */
    public String qualifiedBuffer() {
        return qualifiedBuffer(bufferId);
    }

    public static String qualifiedBuffer(long bufferId) {
        return SCHEMA + "." + PgQuote.ident(bufferTable(bufferId));
    }

    public String qualifiedFunction() {
        return SCHEMA + "." + PgQuote.ident(functionName(bufferId));
    }
}
