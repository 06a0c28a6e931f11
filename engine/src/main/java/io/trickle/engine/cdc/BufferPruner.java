package io.trickle.engine.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Deletes buffer rows every reader has consumed: rows whose writer is older than the oldest
 * frontier's xmin were visible to every frontier. Runs in its own short transaction after a
 * refresh; it never waits for the cluster's oldest transaction, only for this source's readers.
 */
public final class BufferPruner {

    private BufferPruner() {
    }

    public static int prune(Connection c, CaptureInfo capture) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + capture.qualifiedBuffer()
                + " WHERE xid < (SELECT min(pg_snapshot_xmin(f.snapshot)) FROM pgtrickle.pgt_frontiers f"
                + " WHERE f.source::oid = ?)")) {
            ps.setLong(1, capture.sourceOid());
            int deleted = ps.executeUpdate();
            if (deleted > 0) {
                try (PreparedStatement upd = c.prepareStatement(
                        "UPDATE pgtrickle.pgt_change_tracking SET last_pruned_at = now() WHERE buffer_id = ?")) {
                    upd.setLong(1, capture.bufferId());
                    upd.executeUpdate();
                }
            }
            return deleted;
        }
    }
}
