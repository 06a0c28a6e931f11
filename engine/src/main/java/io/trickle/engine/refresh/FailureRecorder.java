package io.trickle.engine.refresh;

import io.trickle.engine.catalog.RefreshHistoryRepository;
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
    void record(long historyId, long pgtId, String action, String message, String newStatus) {
        try {
            database.transaction("recording a failed refresh", c -> {
                history.finish(c, historyId, action, "FAILED", 0, 0, null, message, null);
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
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of refresh {}: {}", historyId, e.getMessage());
        }
    }
}
