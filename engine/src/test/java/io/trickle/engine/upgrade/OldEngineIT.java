package io.trickle.engine.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real older release against this one (issue 17): the engine jar of an earlier commit, built by
 * {@code engine/src/test/scripts/build-old-engine.sh COMMIT DIR}, run as a separate process.
 * Skipped unless {@code -Dtrickle.old.engine=DIR} names such a build (it is not part of
 * {@code mvn verify}: building an old release takes minutes):
 * <pre>
 * sh engine/src/test/scripts/build-old-engine.sh main /tmp/old-engine
 * mvn -B -o -pl sql,engine verify -Dtest=none -Dit.test=OldEngineIT -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtrickle.old.engine=/tmp/old-engine
 * </pre>
 * The old engine creates stream tables of each kind its catalog supports and leaves changes pending
 * in its own buffers (in its own capture format); this build upgrades the catalog and must apply them.
 * Then the rolling upgrade: the old engine's daemon leads, this build follows, this build upgrades the
 * catalog, the old daemon is stopped with SIGTERM, and this build takes over.
 */
class OldEngineIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static Path oldJar;
    private static String oldCatalog;

    @BeforeAll
    static void findTheOldEngine() throws IOException {
        String dir = System.getProperty("trickle.old.engine");
        assumeTrue(dir != null && Files.isRegularFile(Path.of(dir, "trickle.jar")),
                "no old engine: build one with engine/src/test/scripts/build-old-engine.sh COMMIT DIR and pass"
                        + " -Dtrickle.old.engine=DIR");
        oldJar = Path.of(dir, "trickle.jar");
        oldCatalog = Files.readString(Path.of(dir, "catalog-version")).strip();
        assumeTrue(CatalogCompatibility.compare(oldCatalog, CatalogCompatibility.NEWEST) < 0,
                "the engine in " + dir + " is not older than this build (catalog " + oldCatalog + ")");
    }

    @Test
    void tablesTheOldEngineMadeSurviveTheUpgradeWithTheirPendingChanges() throws Exception {
        TestDatabase db = TestDatabase.perClass().create("t_old_engine_" + System.nanoTime() % 100000);
        try {
            OldCli old = new OldCli(db.jdbcUrl());
            old.ok("install");
            LiveStreamTables live = LiveStreamTables.create(old, db.jdbcUrl(), oldCatalog, "1h");
            live.writeChanges();
            for (LiveStreamTables.Table t : live.tables()) {
                old.ok("refresh", t.name());
            }
            live.assertAllMatch();
            live.writeChanges(); // pending, in the old engine's buffers, across the upgrade

            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
                InstallResult upgrade = trickle.install();
                assertEquals(oldCatalog, upgrade.previousVersion());
                assertEquals(CatalogCompatibility.NEWEST, upgrade.catalogVersion());
                live.refreshAndCheck(trickle);
                live.writeChanges();
                live.refreshAndCheck(trickle);
            }
            // What the old release does with the newer catalog is recorded, whatever it is; it must not
            // have damaged anything this build relies on.
            OldCli.Result install = old.run("install");
            OldCli.Result refresh = old.run("refresh", "orders_by_customer");
            System.out.println("old engine, install against catalog " + CatalogCompatibility.NEWEST + ": exit "
                    + install.code() + "\n" + install.output() + "\nold engine, refresh: exit " + refresh.code() + "\n"
                    + refresh.output());
            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
                assertEquals(CatalogCompatibility.NEWEST, trickle.catalogVersion().orElseThrow());
                live.writeChanges();
                live.refreshAndCheck(trickle);
            }
        } finally {
            db.drop();
        }
    }

    @Test
    void aRollingUpgradeFromTheOldEngineToThisOne() throws Exception {
        TestDatabase db = TestDatabase.perClass().create("t_old_rolling_" + System.nanoTime() % 100000);
        Process oldDaemon = null;
        try {
            OldCli old = new OldCli(db.jdbcUrl());
            old.ok("install");
            old.ok("config", "set", "scheduler_interval_ms", "100");
            LiveStreamTables live = LiveStreamTables.create(old, db.jdbcUrl(), oldCatalog, "1s");
            oldDaemon = old.start("run");
            StringBuffer daemonLog = new StringBuffer();
            Process daemon = oldDaemon;
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(daemon.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        daemonLog.append(line).append('\n');
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "old-daemon-log");
            reader.setDaemon(true);
            reader.start();
            Eventually.await(DEADLINE, () -> daemonLog.indexOf("leading:") >= 0, "the old daemon leads");

            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8))) {
                SchedulerHandle scheduler = trickle.runScheduler(SchedulerOptions.defaults());
                Eventually.await(DEADLINE, () -> scheduler.role() == SchedulerRole.FOLLOWER, "this build follows");
                live.writeChanges();
                awaitAllMatch(live, "the old leader refreshes");

                trickle.install();
                live.writeChanges();
                awaitAllMatch(live, "refreshed across the upgrade");

                oldDaemon.destroy(); // SIGTERM
                assertTrue(oldDaemon.waitFor(20, TimeUnit.SECONDS), "the old daemon stops on SIGTERM");
                reader.join(5000);
                System.out.println("old daemon (exit " + oldDaemon.exitValue() + "):\n" + daemonLog);
                assertEquals(0, oldDaemon.exitValue());
                Eventually.await(DEADLINE, () -> scheduler.role() == SchedulerRole.LEADER, "this build takes over");
                Instant takeover = Instant.now();
                live.writeChanges();
                awaitAllMatch(live, "the new leader refreshes");
                assertTrue(db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status = 'COMPLETED'"
                        + " AND action IN ('DIFFERENTIAL', 'FULL') AND start_time > ?",
                        java.sql.Timestamp.from(takeover.minusSeconds(1))) > 0);
                scheduler.stop();
            }
        } finally {
            if (oldDaemon != null && oldDaemon.isAlive()) {
                oldDaemon.destroyForcibly();
            }
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

    /** The old release's command line, one process per command. */
    private record OldCli(String jdbcUrl) implements LiveStreamTables.Lifecycle {

        record Result(int code, String output) {
        }

        Process start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("java", "-jar", oldJar.toString(), "--url", jdbcUrl));
            command.addAll(List.of(args));
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        }

        Result run(String... args) {
            try {
                Process p = start(args);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(2, TimeUnit.MINUTES));
                return new Result(p.exitValue(), out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void ok(String... args) {
            Result r = run(args);
            assertEquals(0, r.code(), "old engine " + String.join(" ", args) + ":\n" + r.output());
        }

        @Override
        public void create(String name, String query, String schedule, String mode) {
            ok("create", name, "--query", query, "--schedule", schedule, "--mode", mode);
        }

        @Override
        public void alter(String name, String query) {
            ok("alter", name, "--query", query);
        }

        @Override
        public void setSetting(String key, String value) {
            ok("config", "set", key, value);
        }

        @Override
        public void createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
            ok("watermark", "group", "create", name, "--sources", String.join(",", sources), "--tolerance", tolerance.toString());
        }

        @Override
        public void advanceWatermark(String source, Instant watermark) {
            ok("watermark", "advance", source, watermark.toString());
        }

        @Override
        public void refresh(String name) {
            ok("refresh", name);
        }
    }
}
