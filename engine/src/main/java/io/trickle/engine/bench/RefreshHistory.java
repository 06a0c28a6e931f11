package io.trickle.engine.bench;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The suite's reading of {@code pgtrickle.pgt_refresh_history} (a catalog contract, DESIGN §5): where
 * the daemon's refreshes are found, and how the suite notices that an engine other than its own
 * refreshed its tables.
 */
final class RefreshHistory {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Connection c;

    RefreshHistory(Connection c) {
        this.c = c;
    }

    /** The newest history row's id, 0 when there is none: refreshes after it are new. */
    long mark() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(refresh_id), 0) FROM pgtrickle.pgt_refresh_history");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The database clock, now. */
    Instant now() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /**
     * Waits for the first finished refresh of {@code name} after {@code mark} whose action is
     * {@code NO_DATA} ({@code noData}) or anything else; wall time is measured from {@code since}.
     */
    Measured await(String name, long mark, boolean noData, Instant since, Duration timeout) throws SQLException {
        QualifiedName qn = QualifiedName.parse(name);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Measured> m = next(qn, mark, noData, since);
            if (m.isPresent()) {
                return m.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ActionFailedException("no " + (noData ? "NO_DATA" : "") + " refresh of " + name + " finished within "
                        + timeout.toSeconds() + " s; is the daemon running (see its log beside the CSV)?");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private Optional<Measured> next(QualifiedName qn, long mark, boolean noData, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT action, status, duration_ms, rows_inserted, rows_deleted, reason, error_message, end_time
                  FROM pgtrickle.pgt_refresh_history
                 WHERE pgt_schema = ? AND pgt_name = ? AND refresh_id > ? AND status IN ('COMPLETED', 'FAILED')
                   AND (action = 'NO_DATA') = ?
                 ORDER BY refresh_id LIMIT 1""")) {
            ps.setString(1, qn.schema());
            ps.setString(2, qn.name());
            ps.setLong(3, mark);
            ps.setBoolean(4, noData);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if ("FAILED".equals(rs.getString(2))) {
                    throw new ActionFailedException("the daemon's refresh of " + qn + " failed: " + rs.getString(7));
                }
                Timestamp end = rs.getTimestamp(8);
                double wall = since == null || end == null ? Double.NaN
                        : Duration.between(since, end.toInstant()).toNanos() / 1e6;
                return Optional.of(new Measured(rs.getString(1), rs.getDouble(3), wall, rs.getLong(4), rs.getLong(5),
                        rs.getString(6)));
            }
        }
    }

    /** Waits for any finished refresh of {@code name} that began after {@code mark} (its snapshot sees every earlier commit). */
    void awaitAny(String name, long mark, Duration timeout) throws SQLException {
        QualifiedName qn = QualifiedName.parse(name);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT status, error_message FROM pgtrickle.pgt_refresh_history
                     WHERE pgt_schema = ? AND pgt_name = ? AND refresh_id > ? AND status IN ('COMPLETED', 'FAILED')
                     ORDER BY refresh_id LIMIT 1""")) {
                ps.setString(1, qn.schema());
                ps.setString(2, qn.name());
                ps.setLong(3, mark);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if ("FAILED".equals(rs.getString(1))) {
                            throw new ActionFailedException("the daemon's refresh of " + qn + " failed: " + rs.getString(2));
                        }
                        return;
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ActionFailedException("the daemon did not refresh " + name + " within " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /**
     * Refreshes of the suite's tables since {@code mark} that the suite did not cause: with no daemon
     * of its own running, any refresh the scheduler made; a description of each, empty when none.
     */
    List<String> foreignRefreshes(String schema, long mark) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pgt_schema, pgt_name, action, start_time
                  FROM pgtrickle.pgt_refresh_history
                 WHERE pgt_schema = ? AND refresh_id > ? AND initiated_by = 'SCHEDULER'
                 ORDER BY refresh_id LIMIT 5""")) {
            ps.setString(1, schema);
            ps.setLong(2, mark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(QualifiedName.of(rs.getString(1), rs.getString(2)) + " (" + rs.getString(3) + " at "
                            + rs.getTimestamp(4).toInstant() + ")");
                }
            }
        }
        return out;
    }
}
