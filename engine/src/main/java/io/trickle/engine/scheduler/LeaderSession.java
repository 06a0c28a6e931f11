package io.trickle.engine.scheduler;

import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.watermark.Watermarks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The scheduler's dedicated session, outside the pool: it LISTENs for catalog changes and refresh
 * requests, and it is where leadership lives.
 *
 * <p><b>Leader election.</b> The leader is the session holding the session-level advisory lock
 * ({@link AdvisoryLocks#LEADER_CLASS}, 0). Every engine tries {@code pg_try_advisory_lock} once per
 * tick; exactly one succeeds. PostgreSQL releases the lock the moment the holder's session ends —
 * a clean stop, a {@code kill -9} of the JVM, a dropped connection, a server restart — so a follower
 * takes over at its next attempt, within one tick. The lock is taken once: session advisory locks
 * stack, so a leader never asks again, it only checks that its session is alive (a leader whose
 * session died must stop scheduling at once, since another engine may already lead).
 *
 * <p>The trap: the session must never go through a transaction-mode pooler, and nothing else may
 * run on it, or the lock would end up on a session the scheduler does not own (DESIGN §2).
 */
final class LeaderSession implements AutoCloseable {

    static final String CATALOG_CHANNEL = "pgtrickle_catalog";
    static final String REQUEST_CHANNEL = "pgtrickle_refresh_request";
    /** A watermark moved or a group changed: a table held back by gating may refresh now. */
    static final String WATERMARK_CHANNEL = Watermarks.CHANNEL;

    private final Connection connection;
    private boolean leader;

    private LeaderSession(Connection connection) {
        this.connection = connection;
    }

    static LeaderSession open(ConnectionTarget target, String applicationName, int connectTimeoutSeconds)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeoutSeconds)));
        props.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(target.jdbcUrl(), props);
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + CATALOG_CHANNEL);
            st.execute("LISTEN " + REQUEST_CHANNEL);
            st.execute("LISTEN " + WATERMARK_CHANNEL);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new LeaderSession(c);
    }

    /**
     * Takes the leader lock if this session does not hold it yet; returns whether it leads.
     *
     * @throws SQLException when the session is gone (the caller reconnects)
     */
    boolean tryLead() throws SQLException {
        if (leader) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
            return true;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, 0)")) {
            ps.setInt(1, AdvisoryLocks.LEADER_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leader = rs.getBoolean(1);
            }
        }
        return leader;
    }

    boolean isLeader() {
        return leader;
    }

    /** The notifications that arrive within {@code millis} (at least 1 ms; 0 would wait forever). */
    List<PGNotification> await(long millis) throws SQLException {
        PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications((int) Math.max(1, millis));
        List<PGNotification> out = new ArrayList<>();
        if (got != null) {
            out.addAll(List.of(got));
        }
        return out;
    }

    /** Releases the lock (if held) and ends the session. Never throws. */
    @Override
    public void close() {
        try {
            if (leader && !connection.isClosed()) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, 0)")) {
                    ps.setInt(1, AdvisoryLocks.LEADER_CLASS);
                    ps.executeQuery().close();
                }
            }
        } catch (SQLException ignored) {
            // the session is going away, and the lock with it
        } finally {
            leader = false;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already closed
            }
        }
    }
}
