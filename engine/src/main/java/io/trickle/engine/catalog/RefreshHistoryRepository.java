package io.trickle.engine.catalog;

import io.trickle.engine.api.InitiatedBy;
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
    /** Databases (by JDBC URL) whose catalog has the quiet-check columns of 0.7.0.7; as above. */
    private static final Set<String> WITH_QUIET_COLUMNS = ConcurrentHashMap.newKeySet();

    /** The reason a run of quiet checks is recorded with. */
    public static final String QUIET_REASON = "checked: no change in any source since the last refresh";

    /**
     * One history row.
     *
     * @param quietChecks   for a run of scheduler checks that found nothing to do, how many it stands for;
     *                      null for a refresh that ran
     * @param lastCheckedAt the latest of those checks, or null
     */
    public record Entry(long refreshId, long pgtId, String schema, String name, String action, String status,
                        InitiatedBy initiatedBy, long rowsInserted, long rowsDeleted, Instant startTime, Instant endTime,
                        Double durationMs, String reason, String errorMessage, Integer fixpointIteration,
                        Integer quietChecks, Instant lastCheckedAt) {
    }

    /** Opens a RUNNING row in its own (autocommit) statement, so that others see a refresh under way. */
    public long start(Connection c, long pgtId, String schema, String name, InitiatedBy initiatedBy, String engine)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, engine)
                VALUES (?, ?, ?, 'NO_DATA', 'RUNNING', ?, clock_timestamp(), ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy.name());
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
        return hasColumns(c, WITH_COST_COLUMNS, "source_changes", "abandoned_differential_ms");
    }

    private static boolean hasColumns(Connection c, Set<String> known, String... columns) throws SQLException {
        String url = c.getMetaData().getURL();
        if (known.contains(url)) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) = cardinality(?::text[]) FROM pg_attribute
                 WHERE attrelid = to_regclass('pgtrickle.pgt_refresh_history')
                   AND attname = ANY (?::text[]) AND NOT attisdropped""")) {
            ps.setArray(1, c.createArrayOf("text", columns));
            ps.setArray(2, c.createArrayOf("text", columns));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    known.add(url);
                    return true;
                }
                return false;
            }
        }
    }

    /** Records a refresh that did not run (a skip), start and end at once. */
    public long skipped(Connection c, long pgtId, String schema, String name, InitiatedBy initiatedBy, String reason,
                        String engine) throws SQLException {
        return skipped(c, pgtId, schema, name, initiatedBy, reason, engine, null);
    }

    /** Records a refresh that did not run (a skip), in a cycle's round if {@code fixpointIteration} is set. */
    public long skipped(Connection c, long pgtId, String schema, String name, InitiatedBy initiatedBy, String reason,
                        String engine, Integer fixpointIteration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, end_time, reason, engine, fixpoint_iteration)
                VALUES (?, ?, ?, 'SKIP', 'SKIPPED', ?, clock_timestamp(), clock_timestamp(), ?, ?, ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy.name());
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
    public long failed(Connection c, long pgtId, String schema, String name, InitiatedBy initiatedBy, String error,
                       String engine) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, end_time, error_message, engine)
                VALUES (?, ?, ?, 'FULL', 'FAILED', ?, clock_timestamp(), clock_timestamp(), ?, ?) RETURNING refresh_id""")) {
            ps.setLong(1, pgtId);
            ps.setString(2, schema);
            ps.setString(3, name);
            ps.setString(4, initiatedBy.name());
            ps.setString(5, error);
            ps.setString(6, engine);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Counts one "checked, nothing to do" decision of the scheduler for each table in {@code pgtIds}
     * (issue 20; see {@code V0_7_0_7__quiet_checks.sql}): a table whose newest history row is a run of
     * such checks gets that row's count raised and its {@code last_checked_at} moved; any other table
     * gets a new run of one check. Against a catalog older than 0.7.0.7 nothing is recorded.
     */
    public void recordQuietChecks(Connection c, Set<Long> pgtIds, Instant at, String engine) throws SQLException {
        if (pgtIds.isEmpty() || !hasQuietColumns(c)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH newest AS (
                    -- One index probe per table: the history of a daemon on 1 s schedules grows by
                    -- hundreds of rows a second, so nothing here may read more than a table's newest row.
                    SELECT n.pgt_id, n.refresh_id, n.quiet_checks
                      FROM pg_catalog.unnest(?::bigint[]) AS i(pgt_id)
                     CROSS JOIN LATERAL (SELECT h.pgt_id, h.refresh_id, h.quiet_checks
                                           FROM pgtrickle.pgt_refresh_history h
                                          WHERE h.pgt_id = i.pgt_id
                                          ORDER BY h.refresh_id DESC LIMIT 1) n),
                counted AS (
                    UPDATE pgtrickle.pgt_refresh_history h
                       SET quiet_checks = h.quiet_checks + 1, last_checked_at = greatest(h.last_checked_at, ?)
                      FROM newest n
                     WHERE h.refresh_id = n.refresh_id AND n.quiet_checks IS NOT NULL
                    RETURNING h.pgt_id)
                INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,
                    start_time, end_time, reason, engine, quiet_checks, last_checked_at)
                SELECT st.pgt_id, st.pgt_schema, st.pgt_name, 'NO_DATA', 'COMPLETED', 'SCHEDULER', ?, ?, ?, ?, 1, ?
                  FROM pgtrickle.pgt_stream_tables st
                 WHERE st.pgt_id = ANY (?) AND st.pgt_id NOT IN (SELECT pgt_id FROM counted)""")) {
            java.time.OffsetDateTime ts = at.atOffset(java.time.ZoneOffset.UTC);
            Long[] ids = pgtIds.toArray(Long[]::new);
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setObject(2, ts);
            ps.setObject(3, ts);
            ps.setObject(4, ts);
            ps.setString(5, QUIET_REASON);
            ps.setString(6, engine);
            ps.setObject(7, ts);
            ps.setArray(8, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
    }

    /** Whether the history has the quiet-check columns of 0.7.0.7 (cached like {@link #hasCostColumns}). */
    public static boolean hasQuietColumns(Connection c) throws SQLException {
        return hasColumns(c, WITH_QUIET_COLUMNS, "quiet_checks", "last_checked_at");
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
        String quiet = hasQuietColumns(c) ? "quiet_checks, last_checked_at" : "NULL::integer, NULL::timestamptz";
        try (PreparedStatement ps = c.prepareStatement("SELECT refresh_id, pgt_id, pgt_schema, pgt_name, action, status,"
                + " initiated_by, rows_inserted, rows_deleted, start_time, end_time, duration_ms, reason, error_message,"
                + " fixpoint_iteration, " + quiet + " FROM pgtrickle.pgt_refresh_history " + where
                + " ORDER BY refresh_id DESC LIMIT ?")) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp end = rs.getTimestamp(11);
                    Timestamp lastChecked = rs.getTimestamp(17);
                    double d = rs.getDouble(12);
                    Double duration = rs.wasNull() ? null : d;
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), InitiatedBy.valueOf(rs.getString(7)), rs.getLong(8), rs.getLong(9), rs.getTimestamp(10).toInstant(),
                            end == null ? null : end.toInstant(), duration, rs.getString(13), rs.getString(14),
                            (Integer) rs.getObject(15), (Integer) rs.getObject(16),
                            lastChecked == null ? null : lastChecked.toInstant()));
                }
            }
            return out;
        }
    }
}
