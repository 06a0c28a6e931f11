package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a failed refresh in a transaction of its own: the refresh's rollback must not erase the
 * history row or the error count (the reference loses both). A failure to record is logged, never
 * allowed to hide the original failure.
 */
final class FailureRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(FailureRecorder.class);

    private final Database database;
    private final RefreshHistoryRepository history = new RefreshHistoryRepository();

    FailureRecorder(Database database) {
        this.database = database;
    }

    /**
     * @param newStatus ERROR when the table cannot be refreshed until a DBA acts (a source was
     *                  dropped); null to keep the status (the scheduler decides about suspension)
     */
    void record(StreamTableRow row, InitiatedBy initiatedBy, String engine, String message, String newStatus) {
        long pgtId = row.id();
        try {
            database.transaction("recording a failed refresh", c -> {
                history.failed(c, pgtId, row.schema(), row.name(), initiatedBy, message, engine);
                try (var ps = c.prepareStatement("""
                        UPDATE pgtrickle.pgt_stream_tables
                           SET consecutive_errors = consecutive_errors + 1, last_error = ?,
                               status = coalesce(?, status), updated_at = now()
                         WHERE pgt_id = ?""")) {
                    ps.setString(1, message);
                    ps.setString(2, newStatus);
                    ps.setLong(3, pgtId);
                    ps.executeUpdate();
                }
                if ("ERROR".equals(newStatus)) {
                    markReadersInError(c, pgtId, message);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the failed refresh of {}: {}", row.displayName(), e.getMessage());
        }
    }

    /**
     * Records a refresh that this engine cancelled because it stops: FAILED with the message, but the
     * table's error count and status stay as they were.
     */
    void recordInterrupted(StreamTableRow row, InitiatedBy initiatedBy, String engine, String message) {
        try {
            database.transaction("recording an interrupted refresh", c -> {
                history.failed(c, row.id(), row.schema(), row.name(), initiatedBy, message, engine);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the interruption of the refresh of {}: {}", row.displayName(), e.getMessage());
        }
    }

    /** Stream tables that read this one, directly or not, cannot be right either: they go to ERROR too. */
    private static void markReadersInError(java.sql.Connection c, long pgtId, String message) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("""
                WITH RECURSIVE readers(pgt_id) AS (
                    SELECT d.pgt_id FROM pgtrickle.pgt_dependencies d
                      JOIN pgtrickle.pgt_stream_tables s ON d.source = s.storage WHERE s.pgt_id = ?
                    UNION
                    SELECT d.pgt_id FROM pgtrickle.pgt_dependencies d
                      JOIN pgtrickle.pgt_stream_tables s ON d.source = s.storage JOIN readers r ON r.pgt_id = s.pgt_id)
                UPDATE pgtrickle.pgt_stream_tables t
                   SET status = 'ERROR', updated_at = now(),
                       last_error = 'upstream stream table ' || (SELECT format('%I.%I', pgt_schema, pgt_name)
                                      FROM pgtrickle.pgt_stream_tables WHERE pgt_id = ?) || ' is in error: ' || ?
                 WHERE t.pgt_id IN (SELECT pgt_id FROM readers) AND t.pgt_id <> ?""")) {
            ps.setLong(1, pgtId);
            ps.setLong(2, pgtId);
            ps.setString(3, message);
            ps.setLong(4, pgtId);
            ps.executeUpdate();
        }
    }
}
