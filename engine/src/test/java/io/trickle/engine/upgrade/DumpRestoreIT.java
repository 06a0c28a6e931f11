package io.trickle.engine.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pg_dump and pg_restore of a database with live stream tables (issue 17), from a PostgreSQL 15
 * cluster of the test's own into a fresh database on the same cluster, and into the shared test
 * server — another cluster, PostgreSQL 18 in the default run: the major-version upgrade path by
 * dump. Changes are left pending in the buffers when the dump is taken.
 *
 * <p>On the same cluster the frontiers stay valid: the next refreshes apply the pending changes
 * differentially, once. On another cluster they are foreign: each table is repopulated once, with a
 * history row saying why, and is maintained differentially from there on. Either way capture
 * triggers, guards and buffers come back with the restore.
 *
 * <p>Needs pg_dump and pg_restore of major 15 or newer on the machine (Debian's postgresql-client,
 * which {@code .ci/run} installs); skipped with the reason where they are missing.
 */
class DumpRestoreIT {

    private static final int OLD_MAJOR = 15;
    private static PgClientTools tools;
    private static TestServer.Separate oldCluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheOldCluster() {
        Optional<PgClientTools> found = PgClientTools.find();
        assumeTrue(found.isPresent(), "pg_dump and pg_restore are not installed (apt-get install postgresql-client)");
        tools = found.get();
        assumeTrue(tools.major() >= OLD_MAJOR, "pg_dump " + tools.major() + " cannot dump PostgreSQL " + OLD_MAJOR);
        oldCluster = TestServer.startSeparate(OLD_MAJOR);
    }

    @AfterAll
    static void stopTheOldCluster() throws IOException {
        if (oldCluster != null) {
            oldCluster.close();
        }
    }

    @Test
    void aRestoreIntoAFreshDatabaseOnTheSameClusterAppliesThePendingChangesOnce() throws Exception {
        Source source = source("t_dump_same");
        String restoredUrl = restore(source, oldCluster, oldCluster.port(), "t_restored_same");
        assertTheMachineryCameBack(source, restoredUrl);
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(restoredUrl))) {
            LiveStreamTables restored = source.live.at(restoredUrl);
            restored.refreshAndCheck(trickle); // DIFFERENTIAL where it was: the frontiers are this cluster's
            assertEquals(0, count(restoredUrl, "SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE action = 'REINITIALIZE'"
                    + " AND reason LIKE '%another cluster%'"));
            restored.writeChanges();
            restored.refreshAndCheck(trickle);
        }
    }

    @Test
    void aRestoreIntoAnotherClusterRepopulatesEachTableOnceSayingWhy() throws Exception {
        TestServer target = TestServer.shared();
        assumeTrue(target.majorVersion() >= OLD_MAJOR, "the test server is older than PostgreSQL " + OLD_MAJOR);
        int port = portOf(target);
        Source source = source("t_dump_other");
        String restoredUrl = restore(source, target, port, "t_restored_other");
        assertTheMachineryCameBack(source, restoredUrl);
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(restoredUrl))) {
            LiveStreamTables restored = source.live.at(restoredUrl);
            for (LiveStreamTables.Table t : restored.tables()) {
                RefreshResult r = trickle.refresh(t.name());
                if (r.action() != RefreshAction.NO_DATA) { // a cycle member may have been repopulated with its cycle
                    assertEquals(RefreshAction.REINITIALIZE, r.action(), t.name() + ": " + r.reason());
                    assertTrue(r.reason().contains("restored from another cluster"), r.reason());
                }
            }
            restored.assertAllMatch();
            for (LiveStreamTables.Table t : restored.tables()) {
                assertEquals(1, count(restoredUrl, "SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = ?"
                        + " AND action = 'REINITIALIZE' AND reason LIKE '%restored from another cluster%'", t.name()),
                        t.name() + " is repopulated once, with a history row saying why");
            }
            restored.writeChanges();
            restored.refreshAndCheck(trickle); // differential again from the new frontiers
            restored.writeChanges();
            restored.refreshAndCheck(trickle);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Source(String name, String url, LiveStreamTables live, long captureTriggers, long guards) {
    }

    /** A database on the old cluster with every kind of stream table, changes pending in its buffers. */
    private Source source(String prefix) throws Exception {
        String name = prefix + "_" + System.nanoTime() % 100000;
        admin(oldCluster, "CREATE DATABASE " + name);
        String url = oldCluster.url(name);
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(url))) {
            trickle.install();
            LiveStreamTables live = LiveStreamTables.create(trickle, url, CatalogCompatibility.NEWEST);
            live.writeChanges();
            live.refreshAndCheck(trickle);
            live.writeChanges();
            assertTrue(count(url, "SELECT count(*) FROM pgtrickle_changes." + buffer(url, "orders")) > 0,
                    "changes are pending when the dump is taken");
            return new Source(name, url, live, captureTriggers(url), guards(url));
        }
    }

    private String restore(Source source, TestServer target, int port, String prefix) throws Exception {
        Path archive = dir.resolve(source.name() + ".dump");
        tools.dump(oldCluster.port(), source.name(), archive);
        assertTrue(Files.size(archive) > 0);
        String name = prefix + "_" + System.nanoTime() % 100000;
        admin(target, "CREATE DATABASE " + name);
        tools.restore(port, name, archive);
        return target.url(name);
    }

    private static void assertTheMachineryCameBack(Source source, String restoredUrl) throws SQLException {
        assertEquals(source.captureTriggers(), captureTriggers(restoredUrl), "capture triggers");
        assertEquals(source.guards(), guards(restoredUrl), "storage guards");
        assertEquals(count(source.url(), "SELECT count(*) FROM pgtrickle_changes." + buffer(source.url(), "orders")),
                count(restoredUrl, "SELECT count(*) FROM pgtrickle_changes." + buffer(restoredUrl, "orders")),
                "the buffered changes");
        assertEquals(CatalogCompatibility.NEWEST, string(restoredUrl, "SELECT version FROM pgtrickle.pgt_schema_history"
                + " WHERE success ORDER BY installed_rank DESC LIMIT 1"));
        try (Connection c = DriverManager.getConnection(restoredUrl); Statement st = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> st.execute("DELETE FROM public.orders_by_customer"), "the guard refuses direct writes");
            assertTrue(refused.getMessage().contains("orders_by_customer"), refused.getMessage());
        }
    }

    private static long captureTriggers(String url) throws SQLException {
        return count(url, "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgtrickle_changes' AND NOT t.tgisinternal");
    }

    private static long guards(String url) throws SQLException {
        return count(url, "SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
                + " WHERE p.proname = 'guard_stream_table' AND NOT t.tgisinternal");
    }

    private static String buffer(String url, String source) throws SQLException {
        return string(url, "SELECT buffer_table FROM pgtrickle.pgt_change_tracking WHERE source_name = '" + source + "'");
    }

    private static int portOf(TestServer server) {
        String url = server.url("postgres");
        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        return uri.getPort();
    }

    private static void admin(TestServer server, String sql) throws SQLException {
        try (Connection c = server.connectAdmin(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(String url, String sql, Object... params) throws SQLException {
        return Long.parseLong(string(url, sql, params));
    }

    private static String string(String url, String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
