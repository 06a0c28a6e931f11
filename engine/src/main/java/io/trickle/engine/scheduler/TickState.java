package io.trickle.engine.scheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What changes from tick to tick, read with one query at the start of each: the catalog generation,
 * the database clock, and each table's status and last refresh.
 */
record TickState(long generation, Instant now, Map<Long, TickState.TableState> tables) {

    /** The catalog columns that decide whether a table is due. */
    record TableState(long id, String status, boolean populated, boolean needsReinit, Instant lastRefreshAt,
                      int consecutiveErrors) {

        /** ACTIVE and INITIALIZING tables are scheduled; SUSPENDED and ERROR ones wait for a person. */
        boolean schedulable() {
            return status.equals("ACTIVE") || status.equals("INITIALIZING");
        }

        /** A refresh that finds no change only needs to move {@code last_refresh_at} (see {@link LevelRun}). */
        boolean mayBeQuiet() {
            return populated && !needsReinit && consecutiveErrors == 0;
        }
    }

    static TickState read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.generation, now(), t.pgt_id, t.status, t.is_populated, t.needs_reinit, t.last_refresh_at,
                       t.consecutive_errors
                  FROM pgtrickle.pgt_catalog_generation g
                  LEFT JOIN pgtrickle.pgt_stream_tables t ON true""");
             ResultSet rs = ps.executeQuery()) {
            long generation = 0;
            Instant now = null;
            Map<Long, TableState> tables = new HashMap<>();
            while (rs.next()) {
                generation = rs.getLong(1);
                now = rs.getTimestamp(2).toInstant();
                long id = rs.getLong(3);
                if (!rs.wasNull()) {
                    Timestamp last = rs.getTimestamp(7);
                    tables.put(id, new TableState(id, rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                            last == null ? null : last.toInstant(), rs.getInt(8)));
                }
            }
            if (now == null) {
                throw new SQLException("the catalog generation row is missing; reinstall the catalog with 'trickle install'");
            }
            return new TickState(generation, now, tables);
        }
    }
}
