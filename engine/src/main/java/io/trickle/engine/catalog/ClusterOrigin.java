package io.trickle.engine.catalog;

import io.trickle.engine.db.Database;
import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises frontiers that another cluster took. Frontiers are snapshots, whose transaction ids
 * belong to the cluster that took them; a catalog restored into another cluster (pg_dump and
 * pg_restore, a PostgreSQL 15 to 18 move) carries ids that mean nothing there. The catalog records
 * the cluster's system identifier (catalog 0.7.0.4); when the engine finds another one, or
 * frontiers ahead of this cluster's transaction counter, it adopts the catalog in one transaction:
 * every stream table is marked for reinitialisation with the reason, frontiers restart at the
 * current snapshot, and the buffered changes (foreign ids that could later be taken for new ones)
 * are dropped. Each table's next refresh then repopulates it once and records why; nothing is lost
 * (the sources are read whole) and nothing is applied twice (no foreign change is left).
 *
 * <p>Checked once per database per process, before the first refresh and when a scheduler starts:
 * a catalog does not change clusters under a running engine.
 */
public final class ClusterOrigin {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterOrigin.class);
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private ClusterOrigin() {
    }

    /** {@link #adopt} unless this process already checked the database. */
    public static void adoptOnce(Database database) {
        String key = database.target().jdbcUrl();
        if (CHECKED.contains(key)) {
            return;
        }
        database.transaction("checking which cluster the catalog's frontiers come from",
                Connection.TRANSACTION_REPEATABLE_READ, ClusterOrigin::adopt);
        CHECKED.add(key);
    }

    /**
     * Adopts a catalog restored from another cluster, in the caller's transaction; returns the reason
     * when it did. Records the identifier where the catalog had none yet.
     */
    public static Optional<String> adopt(Connection c) throws SQLException {
        if (!originRecorded(c)) {
            return Optional.empty(); // a catalog older than 0.7.0.4 knows no origin
        }
        Long recorded;
        Long here;
        boolean ahead;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT o.system_identifier,
                       pgtrickle.cluster_identifier(),
                       EXISTS (SELECT 1 FROM pgtrickle.pgt_frontiers f
                                WHERE pg_snapshot_xmax(f.snapshot) > pg_snapshot_xmax(pg_current_snapshot()))
                  FROM pgtrickle.pgt_cluster_origin o
                   FOR UPDATE OF o""")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            recorded = (Long) rs.getObject(1);
            here = (Long) rs.getObject(2);
            ahead = rs.getBoolean(3);
        }
        String reason = null;
        if (recorded != null && here != null && !recorded.equals(here)) {
            reason = "the catalog was restored from another cluster (system identifier " + Long.toUnsignedString(recorded)
                    + ", this one is " + Long.toUnsignedString(here) + "): its change frontiers mean nothing here";
        } else if (ahead) {
            reason = "the catalog's change frontiers are ahead of this cluster's transactions: it was restored from"
                    + " another cluster";
        }
        if (reason != null) {
            repopulateEverything(c, reason);
            LOG.warn("{}; every stream table is repopulated once", reason);
        }
        if (reason != null || (recorded == null && here != null)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pgtrickle.pgt_cluster_origin SET system_identifier = ?, recorded_at = now()")) {
                ps.setObject(1, here);
                ps.executeUpdate();
            }
        }
        return Optional.ofNullable(reason);
    }

    private static void repopulateEverything(Connection c, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE pgtrickle.pgt_stream_tables SET needs_reinit = true, reinit_reason = ?, updated_at = now()")) {
            ps.setString(1, reason);
            ps.executeUpdate();
        }
        List<String> buffers = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE pgtrickle.pgt_frontiers SET snapshot = pg_current_snapshot(), advanced_at = clock_timestamp()");
            try (ResultSet rs = st.executeQuery("SELECT buffer_table FROM pgtrickle.pgt_change_tracking ORDER BY buffer_id")) {
                while (rs.next()) {
                    buffers.add(rs.getString(1));
                }
            }
            for (String buffer : buffers) {
                st.executeUpdate("DELETE FROM " + PgQuote.ident(CatalogInstaller.CHANGES_SCHEMA) + "." + PgQuote.ident(buffer));
            }
        }
        CatalogGeneration.bump(c, "catalog restored from another cluster");
    }

    private static boolean originRecorded(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('pgtrickle.pgt_cluster_origin') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
