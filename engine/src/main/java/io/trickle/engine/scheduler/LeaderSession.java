package io.trickle.engine.scheduler;

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
 * The scheduler's dedicated sessions, outside the pool: one LISTENs for catalog changes and refresh
 * requests; the other is where leadership lives.
 *
 * <p><b>Leader election.</b> The leader is the session holding an EXCLUSIVE lock on the view
 * {@code pgtrickle.pgt_leader}, in a transaction it keeps open. Every engine tries
 * {@code LOCK ... NOWAIT} once per tick; exactly one succeeds. PostgreSQL releases the lock the
 * moment the holder's session ends — a clean stop, a {@code kill -9} of the JVM, a dropped
 * connection, a server restart — so a follower takes over at its next attempt, within one tick. A
 * leader never asks again; it only checks that its sessions are alive (a leader whose session died
 * must stop scheduling at once, since another engine may already lead).
 *
 * <p>Only engine roles can lead: a lock that conflicts with EXCLUSIVE needs UPDATE, DELETE or
 * TRUNCATE on the view, which nobody else is granted (an advisory lock, which any role with CONNECT
 * may take, let such a role squat leadership, issue 18). The open transaction takes no snapshot and
 * no transaction id, so it holds back neither vacuum nor any refresh; LOCK TABLE runs without one.
 * It lives on a session of its own because notifications are not delivered inside a transaction.
 *
 * <p>The trap: the sessions must never go through a transaction-mode pooler, and nothing else may
 * run on them (DESIGN §2).
 */
final class LeaderSession implements AutoCloseable {

    static final String CATALOG_CHANNEL = "pgtrickle_catalog";
    static final String REQUEST_CHANNEL = "pgtrickle_refresh_request";
    /** A watermark moved or a group changed: a table held back by gating may refresh now. */
    static final String WATERMARK_CHANNEL = Watermarks.CHANNEL;
    /** The view whose lock is leadership; only engine roles may take a conflicting lock. */
    static final String LEADER_VIEW = "pgtrickle.pgt_leader";
    /** 'tril': the advisory lock engines before catalog 0.7.0.11 lead by (see {@link #anOlderEngineLeads}). */
    static final int LEGACY_LEADER_CLASS = io.trickle.engine.db.AdvisoryLocks.LEGACY_LEADER_CLASS;

    private final Connection listener;
    private final Connection lock;
    private boolean leader;

    private LeaderSession(Connection listener, Connection lock) {
        this.listener = listener;
        this.lock = lock;
    }

    static LeaderSession open(ConnectionTarget target, String applicationName, int connectTimeoutSeconds)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeoutSeconds)));
        props.setProperty("tcpKeepAlive", "true");
        Connection listener = DriverManager.getConnection(target.jdbcUrl(), props);
        Connection lock = null;
        try (Statement st = listener.createStatement()) {
            st.execute("LISTEN " + CATALOG_CHANNEL);
            st.execute("LISTEN " + REQUEST_CHANNEL);
            st.execute("LISTEN " + WATERMARK_CHANNEL);
            lock = DriverManager.getConnection(target.jdbcUrl(), props);
            try (Statement l = lock.createStatement()) {
                // The leader's transaction stays open for as long as it leads: no timeout may end it.
                l.execute("SET idle_in_transaction_session_timeout = 0");
                l.execute("SET search_path = pg_catalog, pg_temp");
            }
            lock.setAutoCommit(false);
        } catch (SQLException e) {
            listener.close();
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        return new LeaderSession(listener, lock);
    }

    /**
     * Takes the leader lock if this session does not hold it yet; returns whether it leads.
     *
     * @throws SQLException when a session is gone (the caller reconnects)
     */
    boolean tryLead() throws SQLException {
        if (leader) {
            ping(lock);
            ping(listener);
            return true;
        }
        try (Statement st = lock.createStatement()) {
            st.execute("LOCK TABLE " + LEADER_VIEW + " IN EXCLUSIVE MODE NOWAIT");
            leader = !anOlderEngineLeads();
        } catch (SQLException e) {
            lock.rollback();
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
        }
        if (!leader) {
            lock.rollback();
            ping(listener);
        }
        return leader;
    }

    /**
     * Engines before catalog 0.7.0.11 lead by the session advisory lock ({@code LEGACY_LEADER_CLASS},
     * 0). During a rolling upgrade one of them may lead still: the leader takes that lock too, so that
     * they follow it, and follows when an engine role holds it. A role that is not an engine role
     * holding it is a squatter, and is ignored.
     */
    private boolean anOlderEngineLeads() throws SQLException {
        try (PreparedStatement ps = lock.prepareStatement("""
                SELECT pg_try_advisory_lock(?, 0)
                    OR NOT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                    WHERE l.locktype = 'advisory' AND l.classid = ?::oid AND l.objid = 0 AND l.objsubid = 2
                                      AND l.granted AND l.pid <> pg_backend_pid()
                                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                      AND pgtrickle.is_engine_role(a.usename))""")) {
            ps.setInt(1, LEGACY_LEADER_CLASS);
            ps.setLong(2, LEGACY_LEADER_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !rs.getBoolean(1);
            }
        }
    }

    private static void ping(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    boolean isLeader() {
        return leader;
    }

    /** The notifications that arrive within {@code millis} (at least 1 ms; 0 would wait forever). */
    List<PGNotification> await(long millis) throws SQLException {
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications((int) Math.max(1, millis));
        List<PGNotification> out = new ArrayList<>();
        if (got != null) {
            out.addAll(List.of(got));
        }
        return out;
    }

    /** Releases the lock (if held) and ends the sessions. Never throws. */
    @Override
    public void close() {
        leader = false;
        for (Connection c : new Connection[] {lock, listener}) {
            try {
                if (c == lock && !c.isClosed()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the session is going away, and the lock with it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // already closed
            }
        }
    }
}
