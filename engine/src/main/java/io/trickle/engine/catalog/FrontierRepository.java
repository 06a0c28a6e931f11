package io.trickle.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Reads and writes {@code pgtrickle.pgt_frontiers}. */
public final class FrontierRepository {

    /** Source OID → snapshot text, for one stream table. */
    public Map<Long, String> of(Connection c, long pgtId) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source::oid, snapshot::text FROM pgtrickle.pgt_frontiers WHERE pgt_id = ?")) {
            ps.setLong(1, pgtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * Sets the frontier of every captured source of the stream table to the current transaction's
     * snapshot (the refresh's), replacing what was there.
     */
    public void advanceAll(Connection c, long pgtId, Iterable<Long> sourceOids) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM pgtrickle.pgt_frontiers WHERE pgt_id = ?")) {
            del.setLong(1, pgtId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_frontiers (pgt_id, source, snapshot, advanced_at)
                VALUES (?, ?::oid::regclass, pg_current_snapshot(), clock_timestamp())""")) {
            for (long oid : sourceOids) {
                ps.setLong(1, pgtId);
                ps.setLong(2, oid);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
