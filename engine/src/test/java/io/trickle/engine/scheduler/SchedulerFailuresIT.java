package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static io.trickle.engine.scheduler.SchedulerFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures, suspension, alerts, quiet ticks and busy tables under the scheduler. */
@Tag("pg15")
class SchedulerFailuresIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle engine;

    @BeforeAll
    static void install() {
        SchedulerFixture.install(db);
        engine = SchedulerFixture.engine(db);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void failuresBackOffThenSuspendAndResumingCatchesUp() throws Exception {
        source(db, "ratios");
        String query = "SELECT id, 100 / v AS r FROM public.ratios WHERE v <> 0 OR id >= 1000";
        db.execute("DELETE FROM ratios WHERE v = 0");
        engine.create(CreateRequest.of("inverse", query).schedule("1s"));
        try (AlertListener alerts = new AlertListener(db.jdbcUrl());
             SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            // A setting changed while the scheduler runs applies from the next tick on.
            assertEquals(0, CliRun.run("--url", db.jdbcUrl(), "config", "set", "max_consecutive_errors", "2").exitCode());
            db.execute("INSERT INTO ratios VALUES (1000, 0, 0)");
            Eventually.await(DEADLINE, () -> "SUSPENDED".equals(db.scalar(
                    "SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'inverse'")), "inverse is suspended");
            assertEquals(2, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'inverse'"
                    + " AND status = 'FAILED'"), "max_consecutive_errors failures, then no more tries");
            Eventually.await(DEADLINE, () -> alerts.has("auto_suspended", "public.inverse"), "auto_suspended alert");
            JsonNode failed = alerts.first("refresh_failed", "public.inverse");
            assertTrue(failed.get("error").asText().contains("division by zero"), failed::toString);
            assertEquals(2, alerts.first("auto_suspended", "public.inverse").get("consecutive_errors").asInt());

            db.execute("DELETE FROM ratios WHERE id = 1000");
            CliRun resume = CliRun.run("--url", db.jdbcUrl(), "alter", "inverse", "--status", "ACTIVE");
            assertEquals(0, resume.exitCode(), resume::toString);
            awaitMatches(db, "inverse", query);
            Eventually.await(DEADLINE, () -> alerts.has("resumed", "public.inverse"), "resumed alert");
            Eventually.await(DEADLINE, () -> alerts.has("refresh_completed", "public.inverse"), "refresh_completed alert");
            assertEquals("ACTIVE", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'inverse'"));
        } finally {
            engine.resetSetting("max_consecutive_errors");
        }
        engine.drop("inverse", false);
    }

    @Test
    void aQuietSourceKeepsItsTablesFreshAndItsChecksAddUpInOneHistoryRow() {
        source(db, "calm");
        engine.create(CreateRequest.of("calm_copy", "SELECT id, v FROM public.calm").schedule("1s"));
        Object createdAt = db.scalar("SELECT last_refresh_at FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'calm_copy'");
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            Eventually.await(DEADLINE, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"
                    + " WHERE pgt_name = 'calm_copy' AND last_refresh_at > ?::timestamptz + interval '2 seconds'",
                    createdAt.toString()) == 1, "last_refresh_at keeps moving");
            assertTrue(staleness("calm_copy") < 2.0, "a quiet table is not stale");
            Eventually.await(DEADLINE, () -> quietChecks("calm_copy") >= 3, "the checks add up");
            assertEquals(2, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'calm_copy'"),
                    "the initial population and one row for the run of checks");
            HistoryEntry run = engine.history("calm_copy", 1).get(0);
            assertEquals(List.of("NO_DATA", "COMPLETED", "SCHEDULER"), List.of(run.action(), run.status(), run.initiatedBy().name()));
            assertTrue(run.isQuietRun() && run.quietChecks() >= 3 && run.lastCheckedAt().isAfter(run.startTime()),
                    run.toString());

            db.execute("INSERT INTO calm VALUES (1000, 1, 1)");
            Eventually.await(DEADLINE, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history"
                    + " WHERE pgt_name = 'calm_copy' AND action = 'DIFFERENTIAL'") == 1, "the change is refreshed");
            Eventually.await(DEADLINE, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history"
                    + " WHERE pgt_name = 'calm_copy' AND quiet_checks IS NOT NULL") == 2,
                    "checks after the refresh start a new run");
            assertEquals(List.of("NO_DATA", "DIFFERENTIAL", "NO_DATA"), db.strings("SELECT action"
                    + " FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'calm_copy' ORDER BY refresh_id DESC LIMIT 3"));
        }
        engine.drop("calm_copy", false);
    }

    private static long quietChecks(String table) {
        return db.count("SELECT coalesce(max(quiet_checks), 0) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = ?", table);
    }

    @Test
    void aManualRefreshOfABusyTableGivesUpAfterLockTimeout() throws Exception {
        source(db, "busy");
        engine.create(CreateRequest.of("busy_copy", "SELECT id, v FROM public.busy").schedule("1s"));
        long id = db.count("SELECT pgt_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'busy_copy'");
        engine.setSetting("lock_timeout_ms", "300");
        try (AlertListener alerts = new AlertListener(db.jdbcUrl());
             SchedulerHandle scheduler = SchedulerFixture.leading(engine);
             Connection holder = db.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(" + AdvisoryLocks.REFRESH_CLASS + ", " + id + ")");
            db.execute("INSERT INTO busy VALUES (5000, 1, 1)");
            CliRun refresh = CliRun.run("--url", db.jdbcUrl(), "refresh", "busy_copy");
            assertEquals(1, refresh.exitCode(), refresh::toString);
            assertTrue(refresh.err().contains("is being refreshed by another session"), refresh::toString);
            // Held for longer than twice its schedule, the table is reported stale.
            Eventually.await(DEADLINE, () -> alerts.has("stale_data", "public.busy_copy"), "stale_data alert");
            JsonNode stale = alerts.first("stale_data", "public.busy_copy");
            assertTrue(stale.get("staleness_seconds").asDouble() > 2.0, stale::toString);
            assertEquals("1s", stale.get("schedule").asText());
            holder.rollback();
            awaitMatches(db, "busy_copy", "SELECT id, v FROM public.busy");
            assertEquals("ACTIVE", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'busy_copy'"),
                    "the scheduler skipped the busy table instead of failing it");
        } finally {
            engine.resetSetting("lock_timeout_ms");
        }
        engine.drop("busy_copy", false);
    }

    private static double staleness(String table) {
        Object v = db.scalar("SELECT extract(epoch FROM now() - last_refresh_at)::float8 FROM pgtrickle.pgt_stream_tables"
                + " WHERE pgt_name = ?", table);
        return v == null ? Double.MAX_VALUE : ((Number) v).doubleValue();
    }
}
