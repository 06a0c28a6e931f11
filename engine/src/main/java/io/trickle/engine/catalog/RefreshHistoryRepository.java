package io.trickle.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes {@code pgtrickle.pgt_refresh_history}. Times come from the database clock
 * ({@code clock_timestamp()}), so durations are real and comparable across engines.
 */
public final class RefreshHistoryRepository {

    /**
     * Databases (by JDBC URL) whose catalog has the cost columns of 0.7.0.3. Only their presence is
     * remembered: a catalog still without them is asked again, so an in-place upgrade is noticed.
     */
    private static final Set<String> WITH_COST_COLUMNS = ConcurrentHashMap.newKeySet();

    /** One history row. */
    public record Entry(long refreshId, long pgtId, String schema, String name, String action, String status,
                        String initiatedBy, long rowsInserted, long rowsDeleted, Instant startTime, Instant endTime,
                        Double durationMs, String reason, String errorMessage, Integer fixpointIteration) {
    }

    /** Opens a RUNNING row in its own (autocommit) statement, so that others see a refresh under way. */
    public long start(Connection c, long pgtId, String schema, String name, String initiatedBy, String engine)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, engine)
                VALUES (?, ?, ?, 'NO_DATA', 'RUNNING', ?, clock_timestamp(), ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy);
            ps.setString(5, engine);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Closes a row with its outcome. */
    public void finish(Connection c, long refreshId, String action, String status, long inserted, long deleted,
                       String reason, String error, Integer fixpointIteration) throws SQLException {
        finish(c, refreshId, action, status, inserted, deleted, reason, error, fixpointIteration, null, null);
    }

    /**
     * Closes a row with its outcome and what the adaptive strategy learns from: the changed rows the
     * refresh read, and how long an abandoned differential attempt ran (both may be null).
     */
    public void finish(Connection c, long refreshId, String action, String status, long inserted, long deleted,
                       String reason, String error, Integer fixpointIteration, Long sourceChanges,
                       Double abandonedDifferentialMs) throws SQLException {
        boolean costColumns = hasCostColumns(c);
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_refresh_history
                   SET action = ?, status = ?, rows_inserted = ?, rows_deleted = ?, reason = ?, error_message = ?,
                       fixpoint_iteration = ?, end_time = clock_timestamp()"""
                + (costColumns ? ", source_changes = ?, abandoned_differential_ms = ?" : "")
                + " WHERE refresh_id = ?")) {
            int i = 0;
            ps.setString(++i, action);
            ps.setString(++i, status);
            ps.setLong(++i, inserted);
            ps.setLong(++i, deleted);
            ps.setString(++i, reason);
            ps.setString(++i, error);
            ps.setObject(++i, fixpointIteration);
            if (costColumns) {
                ps.setObject(++i, sourceChanges);
                ps.setObject(++i, abandonedDifferentialMs);
            }
            ps.setLong(++i, refreshId);
            ps.executeUpdate();
        }
    }

    /**
     * Whether the history has the columns the adaptive strategy learns from. A catalog older than 0.7.0.3
     * still works: its refreshes are recorded without them, and AUTO then has no differential samples.
     */
    public static boolean hasCostColumns(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        if (WITH_COST_COLUMNS.contains(url)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) = 2 FROM pg_attribute
                 WHERE attrelid = to_regclass('pgtrickle.pgt_refresh_history')
                   AND attname IN ('source_changes', 'abandoned_differential_ms') AND NOT attisdropped""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                WITH_COST_COLUMNS.add(url);
                return true;
            }
            return false;
        }
    }

    /** Records a refresh that did not run (a skip), start and end at once. */
    public long skipped(Connection c, long pgtId, String schema, String name, String initiatedBy, String reason,
                        String engine) throws SQLException {
        return skipped(c, pgtId, schema, name, initiatedBy, reason, engine, null);
    }

    /** Records a refresh that did not run (a skip), in a cycle's round if {@code fixpointIteration} is set. */
    public long skipped(Connection c, long pgtId, String schema, String name, String initiatedBy, String reason,
                        String engine, Integer fixpointIteration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, end_time, reason, engine, fixpoint_iteration)
                VALUES (?, ?, ?, 'SKIP', 'SKIPPED', ?, clock_timestamp(), clock_timestamp(), ?, ?, ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy);
            ps.setString(5, reason);
            ps.setString(6, engine);
            ps.setObject(7, fixpointIteration);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Records a refresh that failed (in a transaction of its own: the refresh's rollback must not erase it). */
    public long failed(Connection c, long pgtId, String schema, String name, String initiatedBy, String error,
                       String engine) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, end_time, error_message, engine)
                VALUES (?, ?, ?, 'FULL', 'FAILED', ?, clock_timestamp(), clock_timestamp(), ?, ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy);
            ps.setString(5, error);
            ps.setString(6, engine);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Entry byId(Connection c, long refreshId) throws SQLException {
        List<Entry> e = query(c, "WHERE refresh_id = ?", 1, refreshId);
        return e.isEmpty() ? null : e.get(0);
    }

    /** Newest first; {@code pgtId} null for every table. */
    public List<Entry> recent(Connection c, Long pgtId, int limit) throws SQLException {
        return pgtId == null ? query(c, "", limit) : query(c, "WHERE pgt_id = ?", limit, pgtId);
    }

    private List<Entry> query(Connection c, String where, int limit, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT refresh_id, pgt_id, pgt_schema, pgt_name, action, status, initiated_by, rows_inserted, rows_deleted,
                       start_time, end_time, duration_ms, reason, error_message, fixpoint_iteration
                  FROM pgtrickle.pgt_refresh_history
                """ + " " + where + " ORDER BY refresh_id DESC LIMIT ?")) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(11);
                    double d = rs.getDouble(12);
                    Double duration = rs.wasNull() ? null : d;
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getTimestamp(10).toInstant(),
                            end == null ? null : end.toInstant(), duration, rs.getString(13), rs.getString(14),
                            (Integer) rs.getObject(15)));
                }
            }
            return out;
        }
    }
}
