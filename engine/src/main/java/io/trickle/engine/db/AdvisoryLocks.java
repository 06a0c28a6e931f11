package io.trickle.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The engine's advisory locks, in the two-integer form with fixed class ids so that they never
 * collide with an application's own advisory locks (DESIGN §2). A DBA sees them in {@code pg_locks}
 * with {@code classid} = the class below and {@code objid} = the stream table's id. Any role that may
 * connect can take an advisory lock: {@code pgtrickle.lock_squatters()} names the sessions of other
 * roles that hold one, and the engine reports them instead of waiting in silence.
 */
public final class AdvisoryLocks {

    /** 'trik': a refresh of stream table objid is under way (transaction lock). */
    public static final int REFRESH_CLASS = 0x7472696B;
    /**
     * 'tril': the leader's session lock until catalog 0.7.0.11. Leadership is now a lock on
     * pgtrickle.pgt_leader, which only engine roles may take (issue 18, see LeaderSession); the
     * leader still holds this one too, so that older engines follow it.
     */
    public static final int LEGACY_LEADER_CLASS = 0x7472696C;

    private AdvisoryLocks() {
    }

    /** Waits (up to the transaction's lock_timeout) for the refresh lock of a stream table. */
    public static void lockStreamTable(Connection tx, long pgtId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, REFRESH_CLASS);
            ps.setInt(2, (int) pgtId);
            ps.executeQuery().close();
        }
    }

    /** Takes the refresh lock of a stream table if it is free; false when a refresh holds it. */
    public static boolean tryLockStreamTable(Connection tx, long pgtId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, REFRESH_CLASS);
            ps.setInt(2, (int) pgtId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
