package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads change windows. The window of a source for a refresh is the set of buffer rows whose writer
 * the refresh's snapshot sees and the frontier's snapshot did not: rows below the frontier's xmin
 * were visible to it and are skipped by the index, the rest are tested with
 * {@code pg_visible_in_snapshot}. Must run inside the refresh's REPEATABLE READ transaction, so that
 * the window, the sources and the new frontier all belong to one snapshot.
 */
public final class ChangeWindows {

    /** Above this many buffer rows the exact count does not matter any more (it only feeds the change ratio). */
    private static final long COUNT_CAP = 10_000_000L;

    private ChangeWindows() {
    }

    static String windowCondition(String alias) {
        return alias + ".xid >= pg_snapshot_xmin(?::pg_snapshot) AND NOT pg_visible_in_snapshot(" + alias
                + ".xid, ?::pg_snapshot)";
    }

    /** Whether anything changed, how much, and whether the source was truncated. */
    public static SourceWindow inspect(Connection c, CaptureInfo capture, Frontier frontier) throws SQLException {
        String buffer = capture.qualifiedBuffer();
        long changes = 0;
        boolean truncated = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE action <> 'T'), bool_or(action = 'T')"
                + " FROM (SELECT b.action FROM " + buffer + " b WHERE " + windowCondition("b") + " LIMIT " + COUNT_CAP + ") w")) {
            ps.setString(1, frontier.snapshot());
            ps.setString(2, frontier.snapshot());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    changes = rs.getLong(1);
                    truncated = rs.getBoolean(2);
                }
            }
        }
        return new SourceWindow(capture, frontier, changes, truncated);
    }

    /** Whether any source has a row in its window (the cheap NO_DATA test). */
    public static boolean anyChange(Connection c, Collection<SourceWindowRef> sources) throws SQLException {
        for (SourceWindowRef s : sources) {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + s.capture().qualifiedBuffer()
                    + " b WHERE " + windowCondition("b") + ")")) {
                ps.setString(1, s.frontier().snapshot());
                ps.setString(2, s.frontier().snapshot());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A source's capture with the frontier a window starts from. */
    public record SourceWindowRef(CaptureInfo capture, Frontier frontier) {
    }

    /**
     * The consolidated window of a source as a query: for each distinct captured row (compared by its
     * exact image, so that rows PostgreSQL calls equal but writes differently — 1.0 and 1.00, 'a' and
     * 'A' under a case-insensitive collation — stay apart), the source's columns in their own types and
     * the net number of times it was added (positive) or removed (negative) in the window. Rows added
     * and removed again cancel. {@code frontier} is SQL yielding the frontier's pg_snapshot (a
     * compiled refresh's variable).
     *
     * @param columns the columns to read, by name with their types
     */
    public static String consolidated(long bufferId, Map<String, PgType> columns, String frontier) {
        String weight = "sum(CASE b.action WHEN 'I' THEN 1 ELSE -1 END)";
        List<String> select = new ArrayList<>();
        List<String> group = new ArrayList<>();
        columns.forEach((name, type) -> {
            String col = "b." + PgQuote.ident(name);
            String key = ExactImage.key(col, type);
            group.add(key);
            select.add((key.equals(col) ? col : ExactImage.representative(col, type)) + " AS " + PgQuote.ident(name));
        });
        select.add(weight + "::bigint AS __pgt_w");
        return "SELECT " + String.join(", ", select) + " FROM " + CaptureInfo.qualifiedBuffer(bufferId) + " b"
                + " WHERE b.xid >= pg_snapshot_xmin(" + frontier + ") AND NOT pg_visible_in_snapshot(b.xid, " + frontier
                + ") AND b.action IN ('I', 'D')"
                + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
                + " HAVING " + weight + " <> 0";
    }

    /** The types of a buffer's captured columns, by name. */
    public static Map<String, PgType> bufferTypes(Connection c, long bufferId) throws SQLException {
        Map<String, PgType> out = new LinkedHashMap<>();
        SourceColumns.ofBuffer(c, bufferId).forEach((name, col) -> out.put(name, col.type()));
        return out;
    }
}
