package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The suite measures only what it causes. Another engine scheduling the database would refresh the
 * suite's tables between its own refreshes (a cycle's changes consumed early, its refresh finding
 * nothing to do, a ratio that means nothing), so the suite refuses to start while one leads, and stops
 * a run in which the history shows a refresh it did not make.
 */
public final class Isolation {

    private Isolation() {
    }

    /** Refuses (exit 2, before anything changed) when some engine schedules this database. */
    public static void requireNoOtherScheduler(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.pid, a.application_name, a.client_addr::text
                  FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
                 WHERE l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
                   AND ((l.locktype = 'advisory' AND l.classid = ?::oid AND l.objid = 0 AND l.objsubid = 2)
                        OR (l.locktype = 'relation' AND l.mode = 'ExclusiveLock'
                            AND l.relation = pg_catalog.to_regclass('pgtrickle.pgt_leader')))""")) {
            // The leader's lock on pgtrickle.pgt_leader, or the advisory lock of engines before 0.7.0.11.
            ps.setLong(1, AdvisoryLocks.LEGACY_LEADER_CLASS & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String who = rs.getString(2) == null || rs.getString(2).isBlank() ? "" : " '" + rs.getString(2) + "'";
                    String from = rs.getString(3) == null ? "" : " from " + rs.getString(3);
                    throw new InvalidInputException("a Trickle engine" + who + " (backend pid " + rs.getInt(1) + from
                            + ") schedules database " + c.getCatalog() + " and would refresh the benchmark's tables "
                            + "between its measurements; stop it (the workbench's bundled engine or demo, a trickle run), "
                            + "or point the benchmark at a database of its own");
                }
            }
        }
    }

    /**
     * Refuses (exit 2) to run a daemon of its own in a database that holds stream tables outside the
     * benchmark's schema: the daemon would start refreshing them too.
     */
    static void requireNoForeignStreamTables(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('pgtrickle.pgt_stream_tables') IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(quote_ident(pgt_schema) || '.' ||"
                + " quote_ident(pgt_name)) FROM pgtrickle.pgt_stream_tables WHERE pgt_schema <> ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new InvalidInputException("database " + c.getCatalog() + " holds " + rs.getLong(1)
                            + " stream table(s) besides the benchmark's (" + rs.getString(2) + (rs.getLong(1) > 1 ? ", …" : "")
                            + "), which the benchmark's daemon would refresh too; run --via daemon, --writers and bench "
                            + "scheduler in a database of their own");
                }
            }
        }
    }

    /** Stops the run (exit 1) when the history shows refreshes of the suite's tables that it did not make. */
    static void requireOnlyOwnRefreshes(RefreshHistory history, String schema, long mark) throws SQLException {
        List<String> foreign = history.foreignRefreshes(schema, mark);
        if (!foreign.isEmpty()) {
            throw new ActionFailedException("another engine's scheduler refreshed the benchmark's tables during the run: "
                    + String.join(", ", foreign) + "; the measurements would be wrong. Run the benchmark in a database no "
                    + "other engine schedules");
        }
    }
}
