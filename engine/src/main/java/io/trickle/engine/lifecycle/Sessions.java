package io.trickle.engine.lifecycle;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.SearchPaths;
import io.trickle.engine.db.TableLocks;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Small session-level helpers shared by create, alter and drop. */
final class Sessions {

    private Sessions() {
    }

    /**
     * The session's TimeZone and the search_path a stream table is refreshed with: the creator's
     * TimeZone, and the pinned search_path ({@link SearchPaths}), under which its stored query means
     * what the creator's query meant.
     */
    static String[] context(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('TimeZone')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new String[] {rs.getString(1), SearchPaths.PINNED};
        }
    }

    /** An IMMEDIATE table is maintained by its writers: a schedule would mean nothing. */
    static void requireNoScheduleIfImmediate(RefreshMode mode, Schedule schedule) {
        if (mode == RefreshMode.IMMEDIATE && schedule != null
                && schedule.kind() != Schedule.Kind.CALCULATED) {
            throw new InvalidInputException("an IMMEDIATE stream table is maintained in the transaction that writes its"
                    + " sources and takes no schedule (leave out --schedule " + schedule.text() + ")");
        }
    }

    /** Lets the engine write storage tables in this transaction (the guard checks this setting). */
    static void allowStorageWrites(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('pgtrickle.internal_refresh', 'on', true)")) {
            ps.executeQuery().close();
        }
    }

    static void requireSchema(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidInputException("schema \"" + schema + "\" does not exist");
                }
            }
        }
    }

    static void requireFreeName(Connection c, QualifiedName name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ?""")) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new InvalidInputException("cannot create stream table " + name + ": a relation named "
                            + name + " already exists");
                }
            }
        }
    }

    /**
     * Keeps the writers of sources that are about to get or lose IMMEDIATE triggers out until the
     * transaction ends, with the TRIGGER privilege only ({@link TableLocks#lockAgainstWriters}); the
     * transaction must be READ COMMITTED. Waits for writers under way without deadlocking with them.
     */
    static void lock(Connection c, List<Long> tableOids) throws SQLException {
        TableLocks.lockAgainstWriters(c, tableOids);
    }

    static List<Long> oids(List<Relation> relations) {
        return relations.stream().map(Relation::oid).toList();
    }
}
