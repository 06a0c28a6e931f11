package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.ReasonCode;
import io.trickle.engine.api.RefreshAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One call of {@code pgtrickle.run_refresh}, the refresh compiled into the database (migration
 * 0.7.0.5): the Java side of a refresh is to choose these parameters and read the outcome.
 *
 * <p>{@link #once} sends the whole refresh as one round trip, its own REPEATABLE READ transaction
 * included. {@link #within}
 * runs the call in a transaction the caller holds (cycles, preparations).
 *
 * @param pgtId            the stream table
 * @param initiatedBy      who asked for the refresh
 * @param forceFull        recompute in full, recording {@code fullReason} / {@code fullCode}
 * @param engine           the engine's name for the history
 * @param lockTimeoutMs    how long to wait for a refresh of the same table under way
 * @param maxChangeRatio   AUTO: windows larger than this share of their source refresh in full (0: never)
 * @param fullAboveChanges AUTO: refresh in full above this many changed rows (the cost model), or null
 * @param fullAboveReason  what the cost model says about it, for the reason
 * @param respectWatermarks hold back (need HELD_BACK) while a watermark group beneath is misaligned
 * @param fixpointIteration the round of a cycle's fixpoint, or null
 * @param note             appended to the reason
 * @param reinitialize     the reason of a reinitialisation the engine has prepared, or null
 * @param reinitializeCode its code
 * @param abandonedMs      how long an abandoned differential attempt ran (for the history), or null
 * @param recordHistory    false when the caller writes the history row itself
 * @param noteWatermarks   tell (held_back) whether a watermark group beneath would have held the refresh
 *                         back, for a refresh by hand that overrides gating and says so
 */
record RunRefresh(long pgtId, InitiatedBy initiatedBy, boolean forceFull, String fullReason, ReasonCode fullCode,
                  String engine, long lockTimeoutMs, double maxChangeRatio, Long fullAboveChanges, String fullAboveReason,
                  boolean respectWatermarks, Integer fixpointIteration, String note, String reinitialize,
                  ReasonCode reinitializeCode, Double abandonedMs, boolean recordHistory, boolean noteWatermarks) {

    private static final String CALL = "SELECT refresh_id, action, rows_inserted, rows_deleted, duration_ms, reason, reason_code,"
            + " source_changes, needs, held_back FROM pgtrickle.run_refresh(p_pgt_id => ?, p_initiated_by => ?, p_force_full => ?,"
            + " p_engine => ?, p_compiler => ?, p_lock_timeout_ms => ?, p_max_change_ratio => ?, p_full_above_changes => ?,"
            + " p_full_above_reason => ?, p_respect_watermarks => ?, p_fixpoint_iteration => ?, p_note => ?,"
            + " p_reinitialize => ?, p_reinitialize_code => ?, p_full_reason => ?, p_full_code => ?, p_abandoned_ms => ?,"
            + " p_record_history => ?, p_note_watermarks => ?)";

    /** What run_refresh must have the engine do before it can refresh. */
    enum Need {
        /** Derive the query and compile its refresh (new table, or compiled by another engine build). */
        COMPILE,
        /** Derive again and recompute: sources' columns changed, capture failed, or a reinit is pending. */
        REINITIALIZE,
        /** A source is gone: the table goes to ERROR. */
        SOURCE_GONE,
        /** A watermark group beneath the table is misaligned (only when asked to respect watermarks). */
        HELD_BACK,
        /** A source's change buffer has an older engine's JSON format. */
        CAPTURE_UPGRADE,
        /** The catalog's frontiers come from another cluster (a restore): see {@code ClusterOrigin}. */
        FOREIGN_CATALOG
    }

    /**
     * What run_refresh did, or what it needs.
     *
     * @param durationMs the refresh's duration by the database clock
     */
    record Outcome(Long refreshId, RefreshAction action, long inserted, long deleted, double durationMs, String reason,
                   ReasonCode code, Long sourceChanges, Need need, boolean heldBack) {

        boolean done() {
            return need == null;
        }
    }

    /** What a call records after it finished: the same outcome with the reason it records. */
    Outcome withReason(Outcome o, String reason) {
        return new Outcome(o.refreshId(), o.action(), o.inserted(), o.deleted(), o.durationMs(), reason, o.code(),
                o.sourceChanges(), o.need(), o.heldBack());
    }

    /** The same call for a reinitialisation the engine has prepared. */
    RunRefresh reinitializing(String reason, ReasonCode code) {
        return new RunRefresh(pgtId, initiatedBy, forceFull, fullReason, fullCode, engine, lockTimeoutMs, maxChangeRatio,
                fullAboveChanges, fullAboveReason, respectWatermarks, fixpointIteration, note, reason, code, abandonedMs,
                recordHistory, noteWatermarks);
    }

    /**
     * The whole refresh as one round trip on an autocommit connection: {@code BEGIN ISOLATION LEVEL
     * REPEATABLE READ}, the shared snapshot and statement timeout if any, the call and {@code COMMIT},
     * sent together. When the call fails the server skips the rest and the transaction is rolled back
     * here (one more round trip, on failure only).
     */
    Outcome once(Connection c, String sharedSnapshot, Long statementTimeoutMs) throws SQLException {
        StringBuilder sql = new StringBuilder("BEGIN ISOLATION LEVEL REPEATABLE READ;");
        if (sharedSnapshot != null) {
            sql.append(" SET TRANSACTION SNAPSHOT ").append(io.trickle.engine.db.PgQuote.literal(sharedSnapshot)).append(';');
        }
        if (statementTimeoutMs != null) {
            sql.append(" SET LOCAL statement_timeout = ").append(Math.max(0, statementTimeoutMs)).append(';');
        }
        sql.append(' ').append(CALL).append("; COMMIT");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps);
            boolean isResult = ps.execute();
            Outcome outcome = null;
            while (isResult || ps.getUpdateCount() != -1) {
                if (isResult) {
                    try (ResultSet rs = ps.getResultSet()) {
                        outcome = read(rs);
                    }
                }
                isResult = ps.getMoreResults();
            }
            if (outcome == null) {
                throw new SQLException("run_refresh returned no row", "XX000");
            }
            return outcome;
        } catch (SQLException e) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // The session is gone or was not in a transaction: nothing to roll back.
            }
            throw e;
        }
    }

    /** The refresh within the caller's REPEATABLE READ transaction. */
    Outcome within(Connection tx) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(CALL)) {
            bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        }
    }

    private void bind(PreparedStatement ps) throws SQLException {
        int i = 0;
        ps.setLong(++i, pgtId);
        ps.setString(++i, initiatedBy.name());
        ps.setBoolean(++i, forceFull);
        ps.setString(++i, engine);
        ps.setString(++i, RefreshCompiler.VERSION);
        ps.setLong(++i, lockTimeoutMs);
        ps.setDouble(++i, maxChangeRatio);
        if (fullAboveChanges == null) {
            ps.setNull(++i, Types.BIGINT);
        } else {
            ps.setLong(++i, fullAboveChanges);
        }
        ps.setString(++i, fullAboveReason);
        ps.setBoolean(++i, respectWatermarks);
        if (fixpointIteration == null) {
            ps.setNull(++i, Types.INTEGER);
        } else {
            ps.setInt(++i, fixpointIteration);
        }
        ps.setString(++i, note);
        ps.setString(++i, reinitialize);
        ps.setString(++i, reinitializeCode == null ? null : reinitializeCode.name());
        ps.setString(++i, fullReason == null ? "requested with --full" : fullReason);
        ps.setString(++i, (fullCode == null ? ReasonCode.REQUESTED_FULL : fullCode).name());
        if (abandonedMs == null) {
            ps.setNull(++i, Types.DOUBLE);
        } else {
            ps.setDouble(++i, abandonedMs);
        }
        ps.setBoolean(++i, recordHistory);
        ps.setBoolean(++i, noteWatermarks);
    }

    private static Outcome read(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("run_refresh returned no row", "XX000");
        }
        long id = rs.getLong(1);
        Long refreshId = rs.wasNull() ? null : id;
        String action = rs.getString(2);
        double duration = rs.getDouble(5);
        long changes = rs.getLong(8);
        Long sourceChanges = rs.wasNull() ? null : changes;
        String need = rs.getString(9);
        return new Outcome(refreshId, action == null ? null : RefreshAction.valueOf(action), rs.getLong(3), rs.getLong(4),
                duration, rs.getString(6), ReasonCode.of(rs.getString(7)), sourceChanges,
                need == null ? null : Need.valueOf(need), rs.getBoolean(10));
    }
}
