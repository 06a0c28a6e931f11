package io.trickle.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessions of roles without the engine's privileges that hold a stream table's refresh lock
 * ({@code pgtrickle.lock_squatters()}). Any role that may connect can take an advisory lock; such a
 * session delays that table's refreshes for as long as it lives, and the engine says so — in
 * {@code list}, on {@code pgtrickle_alert}, and in the message of a refresh that gave up waiting —
 * instead of waiting in silence (issue 18).
 */
public final class LockSquatters {

    /** One session holding one table's refresh lock. */
    public record Squatter(long pgtId, String streamTable, int pid, String role, Instant since) {

        /** What a DBA reads: who holds it, and how to end it. */
        public String describe() {
            return "its refresh lock is held by session " + pid + " of role " + role + ", which is not a Trickle engine"
                    + " role; its refreshes wait until that session ends (SELECT pg_terminate_backend(" + pid + "))";
        }
    }

    private LockSquatters() {
    }

    /** Every squatter, by table; empty against a catalog older than 0.7.0.11. */
    public static List<Squatter> find(Connection c) throws SQLException {
        if (!available(c)) {
            return List.of();
        }
        List<Squatter> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pgt_id, stream_table, pid, role_name, since FROM pgtrickle.lock_squatters()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp since = rs.getTimestamp(5);
                out.add(new Squatter(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        since == null ? null : since.toInstant()));
            }
        }
        return out;
    }

    /** The squatters of one table. */
    public static List<Squatter> of(Connection c, long pgtId) throws SQLException {
        return find(c).stream().filter(s -> s.pgtId() == pgtId).toList();
    }

    private static boolean available(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regprocedure('pgtrickle.lock_squatters()') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
