package io.trickle.engine.upgrade;

import io.trickle.engine.api.SchedulerListener;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.Database;
import io.trickle.engine.refresh.PlanCache;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.api.RefreshListener;
import io.trickle.engine.scheduler.SchedulerConfig;
import io.trickle.engine.scheduler.SchedulerDaemon;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What engines of different releases do with one catalog (issue 17). A newer engine works with an
 * older catalog as far as it goes (CatalogUpgradeIT). An older engine refuses a newer catalog,
 * naming both versions, and changes nothing — not even through {@code install} or
 * {@code uninstall}. A rolling upgrade: the old engine leads, the new one follows, the new release
 * upgrades the catalog, the old leader stops by itself, and the new one takes over.
 *
 * <p>The newer release is played by a migration this build does not ship ({@code db/future}, version
 * 99.0) and, for the newer scheduler, by an engine told that it knows catalogs up to 99.0.
 */
@Tag("pg15")
class CatalogVersionsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String FUTURE = "99.0";

    @Test
    void anOlderEngineRefusesANewerCatalogNamingBothVersionsAndChangesNothing() throws Exception {
        TestDatabase db = TestDatabase.perClass().create("t_versions_newer_" + System.nanoTime() % 100000);
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            LiveStreamTables live = LiveStreamTables.create(trickle, db.jdbcUrl(), CatalogCompatibility.NEWEST);
            live.writeChanges();
            upgradeToTheFuture(db.jdbcUrl());
            List<List<Object>> before = footprint(db);

            for (Executable call : List.<Executable>of(trickle::list, () -> trickle.refresh("orders_by_customer"),
                    () -> trickle.create(CreateRequest.of("another", "SELECT id FROM public.orders").schedule("1h").mode(RefreshMode.FULL)),
                    () -> trickle.drop("big_customers", false), trickle::settings,
                    () -> trickle.runScheduler(SchedulerOptions.defaults()))) {
                ActionFailedException e = assertThrows(ActionFailedException.class, call);
                assertNamesBoth(e.getMessage());
            }
            ActionFailedException install = assertThrows(ActionFailedException.class, trickle::install);
            assertNamesBoth(install.getMessage());
            assertTrue(install.getMessage().contains("nothing was changed"), install.getMessage());
            assertNamesBoth(assertThrows(ActionFailedException.class, trickle::uninstall).getMessage());
            assertEquals(FUTURE, trickle.catalogVersion().orElseThrow(), "the version itself stays readable");

            CliRun refresh = CliRun.at(db.jdbcUrl(), "refresh", "orders_by_customer");
            assertEquals(1, refresh.exitCode(), refresh.err());
            assertNamesBoth(refresh.err());
            CliRun reinstall = CliRun.at(db.jdbcUrl(), "install");
            assertEquals(1, reinstall.exitCode(), reinstall.err());
            assertNamesBoth(reinstall.err());

            assertEquals(before, footprint(db), "nothing changed");
        } finally {
            db.drop();
        }
    }

    @Test
    void aRollingUpgradeHandsTheSchedulingToTheNewEngine() throws Exception {
        TestDatabase db = TestDatabase.perClass().create("t_versions_rolling_" + System.nanoTime() % 100000);
        try (Trickle old = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8));
             Database newerPool = Database.open(ConnectionTarget.parse(db.jdbcUrl()),
                     Database.PoolOptions.oneShot().withMaxConnections(8).withApplicationName("trickle newer"))) {
            old.install();
            old.setSetting("scheduler_interval_ms", "100");
            LiveStreamTables live = LiveStreamTables.create(old, db.jdbcUrl(), CatalogCompatibility.NEWEST, "1s");

            SchedulerHandle oldScheduler = old.runScheduler(SchedulerOptions.defaults());
            Eventually.await(DEADLINE, () -> oldScheduler.role() == SchedulerRole.LEADER, "the old engine leads");
            CatalogCompatibility future = new CatalogCompatibility(FUTURE, CatalogCompatibility.OLDEST_SUPPORTED);
            SchedulerDaemon newer = new SchedulerDaemon(newerPool,
                    new RefreshExecutor(newerPool, "newer engine", new PlanCache(), RefreshListener.NONE, future),
                    SchedulerConfig.defaults("trickle newer scheduler").withCatalog(future), SchedulerListener.NONE);
            try {
                newer.start();
                Eventually.await(DEADLINE, () -> newer.role() == SchedulerRole.FOLLOWER, "the new engine follows");

                live.writeChanges();
                awaitAllMatch(live, "the old leader refreshes");

                upgradeToTheFuture(db.jdbcUrl());
                assertTrue(oldScheduler.awaitTermination(DEADLINE), "the old leader stops by itself");
                assertNamesBoth(oldScheduler.failure().orElseThrow());
                Eventually.await(DEADLINE, () -> newer.role() == SchedulerRole.LEADER, "the new engine takes over");

                live.writeChanges();
                awaitAllMatch(live, "the new leader refreshes");
                assertTrue(db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE engine LIKE '%newer%'"
                        + " AND status = 'COMPLETED'") > 0, "the new engine did the refreshing");
            } finally {
                newer.stop();
                oldScheduler.stop();
            }
        } finally {
            db.drop();
        }
    }

    private static void awaitAllMatch(LiveStreamTables live, String what) {
        Eventually.succeeds(DEADLINE, () -> {
            try {
                live.assertAllMatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, what);
    }

    private static void assertNamesBoth(String message) {
        assertTrue(message.contains(FUTURE) && message.contains(CatalogCompatibility.NEWEST), message);
    }

    /** What the newer release's 'trickle install' does: its migration, announced to running engines. */
    private static void upgradeToTheFuture(String jdbcUrl) {
        Flyway.configure().dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migration/pgtrickle", "classpath:db/future")
                .schemas("pgtrickle").defaultSchema("pgtrickle").table("pgt_schema_history").load().migrate();
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl); var st = c.createStatement()) {
            st.execute("SELECT pgtrickle.bump_catalog_generation('catalog upgraded to " + FUTURE + "')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Object>> footprint(TestDatabase db) {
        return db.rows("""
                SELECT (SELECT count(*) FROM pgtrickle.pgt_stream_tables),
                       (SELECT count(*) FROM pgtrickle.pgt_refresh_history),
                       (SELECT string_agg(snapshot::text, ',' ORDER BY pgt_id, source) FROM pgtrickle.pgt_frontiers),
                       (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pgtrickle%'),
                       (SELECT generation FROM pgtrickle.pgt_catalog_generation)""");
    }
}
