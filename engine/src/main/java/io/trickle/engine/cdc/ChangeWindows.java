package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
     * Copies a window into a temporary table (dropped at commit) with the source's used columns,
     * typed as in the source, and a weight: the net number of times each distinct row was added
     * (positive) or removed (negative) within the window. Rows added and removed again cancel.
     */
    public static void materialize(Connection c, SourceWindow window, Relation source, Collection<String> columns,
                                   String tempTable) throws SQLException {
        List<String> defs = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (String name : columns) {
            RelationColumn col = source.column(name)
                    .orElseThrow(() -> new SQLException("column " + name + " of " + source.qualifiedName() + " is gone", "42703"));
            defs.add(PgQuote.ident(name) + " " + col.type().declaration());
            select.add("r." + PgQuote.ident(name));
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE " + tempTable + " (" + String.join(", ", defs) + ", __pgt_w bigint NOT NULL)"
                    + " ON COMMIT DROP");
        }
        String weight = "sum(CASE b.action WHEN 'I' THEN 1 ELSE -1 END)";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tempTable + " SELECT " + String.join(", ", select)
                + ", w.weight FROM (SELECT min(b.data::text)::json AS data, " + weight + "::bigint AS weight FROM "
                + window.capture().qualifiedBuffer() + " b WHERE " + windowCondition("b") + " AND b.action IN ('I', 'D')"
                + " GROUP BY b.data::text HAVING " + weight + " <> 0) w"
                + " CROSS JOIN LATERAL json_populate_record(NULL::" + PgQuote.qualified(source.schema(), source.name())
                + ", w.data) r")) {
            ps.setString(1, window.frontier().snapshot());
            ps.setString(2, window.frontier().snapshot());
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE " + tempTable);
        }
    }
}
