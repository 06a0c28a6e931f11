package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The capture function of one source: what its triggers run to copy each change into the source's
 * typed buffer. One function serves both trigger modes (statement-level with transition tables
 * {@code __pgt_old}/{@code __pgt_new}, or row-level with OLD/NEW) and TRUNCATE.
 *
 * <p>What it writes: an inserted row as 'I', a deleted row as 'D', an updated row as 'D' of the old
 * version and 'I' of the new — but only when a captured column changed. With a key (see
 * {@link SourceColumns#key()}) the old and new rows of an UPDATE statement are paired by it and a pair
 * that is identical in every captured column ({@code record_image_eq}, image equality, so that 'a' → 'A' under a
 * case-insensitive collation still counts) writes nothing: on a wide table, an update of columns no
 * stream table reads costs a join of the transition tables and no buffer row. Without a key the
 * statement's old and new rows are netted per distinct captured row (by exact image), so unchanged
 * rows write nothing either.
 *
 * <p>While row-level security is active on the source for the function's owner (the engine), it
 * writes a truncate marker and no row: a policy's hidden rows never reach the buffer (issue 18).
 *
 * <p>Why it cannot fail the application's write: it runs as its owner (SECURITY DEFINER) with a
 * fixed search_path, copies values in their own types (no cast, no function of a tenant's runs), and
 * traps any error — a column dropped, renamed or retyped since the function was written — by writing
 * a reinitialisation marker ('R') instead, with the first error's text kept on the tracking row; the
 * next refresh of each reader then reinitialises and the engine writes the function again.
 */
final class CaptureFunction {

    private CaptureFunction() {
    }

    /** {@code CREATE OR REPLACE FUNCTION …} for the capture of {@code capture}. */
    static String ddl(CaptureInfo capture, List<String> columns, List<String> key, SourceColumns source) {
        String buffer = capture.qualifiedBuffer();
        String target = buffer + " (action" + prefixed("", columns) + ")";
        return "CREATE OR REPLACE FUNCTION " + capture.qualifiedFunction() + "() RETURNS trigger LANGUAGE plpgsql"
                + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $pgt$\nBEGIN\n"
                // Row-level security that hides rows of the source from the engine's role (this
                // function runs as it): keep none of the rows; a truncate marker makes every reader
                // recompute, where the policy is found and the table put in ERROR (issue 18).
                + "  IF row_security_active(TG_RELID) THEN\n"
                + "    INSERT INTO " + buffer + " (action) VALUES ('T');\n"
                + "    RETURN NULL;\n"
                + "  END IF;\n"
                + "  BEGIN\n"
                + "    IF TG_LEVEL = 'STATEMENT' THEN\n"
                + "      IF TG_OP = 'INSERT' THEN\n"
                + "        INSERT INTO " + target + " SELECT 'I'" + prefixed("n.", columns) + " FROM __pgt_new n;\n"
                + "      ELSIF TG_OP = 'DELETE' THEN\n"
                + "        INSERT INTO " + target + " SELECT 'D'" + prefixed("o.", columns) + " FROM __pgt_old o;\n"
                + "      ELSIF TG_OP = 'UPDATE' THEN\n"
                + updateStatement(target, columns, key, source)
                + "      ELSIF TG_OP = 'TRUNCATE' THEN\n"
                + "        INSERT INTO " + buffer + " (action) VALUES ('T');\n"
                + "      END IF;\n"
                + "    ELSE\n"
                + (columns.isEmpty() ? "      IF TG_OP = 'UPDATE' THEN\n        RETURN NULL;\n      END IF;\n"
                        : "      IF TG_OP = 'UPDATE' AND " + imageEqual("OLD.", "NEW.", columns) + " THEN\n"
                                + "        RETURN NULL;\n      END IF;\n")
                + "      IF TG_OP IN ('DELETE', 'UPDATE') THEN\n"
                + "        INSERT INTO " + target + " VALUES ('D'" + prefixed("OLD.", columns) + ");\n"
                + "      END IF;\n"
                + "      IF TG_OP IN ('INSERT', 'UPDATE') THEN\n"
                + "        INSERT INTO " + target + " VALUES ('I'" + prefixed("NEW.", columns) + ");\n"
                + "      END IF;\n"
                + "    END IF;\n"
                + "  EXCEPTION WHEN OTHERS THEN\n"
                + "    INSERT INTO " + buffer + " (action) VALUES ('R');\n"
                + "    UPDATE pgtrickle.pgt_change_tracking SET capture_error = left(SQLERRM, 1000)\n"
                + "     WHERE buffer_id = " + capture.bufferId() + " AND capture_error IS NULL;\n"
                + "  END;\n"
                + "  RETURN NULL;\n"
                + "END\n$pgt$";
    }

    /**
     * An UPDATE statement's rows. With a key, the transition tables are paired by it (a full join, so
     * that a row whose key changed is a removal and an addition), and only pairs that differ in a
     * captured column are written.
     */
    private static String updateStatement(String target, List<String> columns, List<String> key, SourceColumns source) {
        if (columns.isEmpty()) {
            // Nothing any reader sees can change: the same rows, only other columns.
            return "        NULL;\n";
        }
        if (key.isEmpty()) {
            // No key to pair by: the statement's net change per distinct captured row (by exact image),
            // written as that many removals or additions — rows whose captured columns did not change
            // cancel here instead of filling the buffer.
            List<String> keys = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String c : columns) {
                String col = "u." + PgQuote.ident(c);
                PgType type = source.columns().get(c).type();
                String k = ExactImage.key(col, type);
                keys.add(k);
                values.add((k.equals(col) ? col : ExactImage.representative(col, type)) + " AS " + PgQuote.ident(c));
            }
            return "        INSERT INTO " + target + " SELECT CASE WHEN g.__pgt_w > 0 THEN 'I'::\"char\" ELSE 'D'::\"char\" END"
                    + prefixed("g.", columns) + " FROM (SELECT " + String.join(", ", values) + ", sum(u.__pgt_w) AS __pgt_w"
                    + " FROM (SELECT" + prefixed("o.", columns).substring(1) + ", -1 AS __pgt_w FROM __pgt_old o UNION ALL SELECT"
                    + prefixed("n.", columns).substring(1) + ", 1 FROM __pgt_new n) u GROUP BY " + String.join(", ", keys)
                    + " HAVING sum(u.__pgt_w) <> 0) g CROSS JOIN LATERAL generate_series(1, abs(g.__pgt_w)::int);\n";
        }
        String join = key.stream().map(k -> "o." + PgQuote.ident(k) + " = n." + PgQuote.ident(k))
                .collect(Collectors.joining(" AND "));
        String oldKey = "o." + PgQuote.ident(key.get(0));
        String newKey = "n." + PgQuote.ident(key.get(0));
        String aliases = columns.stream().map(PgQuote::ident).collect(Collectors.joining(", "));
        return "        INSERT INTO " + target + " SELECT v.action" + prefixed("v.", columns)
                + " FROM __pgt_old o FULL JOIN __pgt_new n ON " + join
                + " CROSS JOIN LATERAL (VALUES ('D'::\"char\"" + prefixed("o.", columns) + "), ('I'::\"char\""
                + prefixed("n.", columns) + ")) AS v(action, " + aliases + ")"
                + " WHERE CASE v.action WHEN 'D' THEN " + oldKey + " IS NOT NULL ELSE " + newKey + " IS NOT NULL END"
                + " AND (" + oldKey + " IS NULL OR " + newKey + " IS NULL OR NOT " + imageEqual("o.", "n.", columns) + ");\n";
    }

    /**
     * {@code record_image_eq(ROW(a.x, a.y), ROW(b.x, b.y))}: identical images, NULLs equal. (The
     * operator form {@code ROW(…) *= ROW(…)} would be read as a row-wise comparison, column by column.)
     */
    private static String imageEqual(String a, String b, List<String> columns) {
        Function<String, String> row = alias -> "ROW(" + columns.stream().map(c -> alias + PgQuote.ident(c))
                .collect(Collectors.joining(", ")) + ")";
        return "pg_catalog.record_image_eq(" + row.apply(a) + ", " + row.apply(b) + ")";
    }

    /** {@code , alias."x", alias."y"} (empty for no columns). */
    private static String prefixed(String alias, List<String> columns) {
        return columns.stream().map(c -> ", " + alias + PgQuote.ident(c)).collect(Collectors.joining());
    }
}
