package io.trickle.engine.scheduler;

import io.trickle.engine.db.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes history rows left RUNNING by an engine that died mid-refresh (its refresh rolled back when
 * its session ended, so nothing else needs repair: the frontier and the data moved together or not
 * at all). A row is abandoned when nobody holds or awaits its table's refresh lock — every live
 * refresh holds it for its whole transaction — and it is older than a grace period, which covers the
 * moment between a refresh writing its RUNNING row and taking the lock. Should a slow live refresh
 * still be caught, its own completion overwrites the row with the real outcome.
 */
final class InterruptedRefreshes {

    static final Duration GRACE = Duration.ofSeconds(5);

    private InterruptedRefreshes() {
    }

    /** Marks abandoned RUNNING rows FAILED with error "interrupted"; returns "schema.name" of each. */
    static List<String> close(Connection c, Duration grace) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_refresh_history h
                   SET status = 'FAILED', end_time = clock_timestamp(),
                       error_message = 'interrupted: engine ' || coalesce(h.engine, '(unknown)')
                                       || ' stopped before the refresh finished; it was rolled back'
                 WHERE h.status = 'RUNNING'
                   AND h.start_time < clock_timestamp() - make_interval(secs => ?)
                   AND NOT EXISTS (SELECT 1 FROM pg_locks l
                                    WHERE l.locktype = 'advisory' AND l.classid = ?::oid AND l.objsubid = 2
                                      AND l.objid::bigint = h.pgt_id
                                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                RETURNING h.pgt_schema, h.pgt_name""")) {
            ps.setDouble(1, grace.toMillis() / 1000.0);
            ps.setLong(2, AdvisoryLocks.REFRESH_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "." + rs.getString(2));
                }
            }
        }
        return out;
    }
}
