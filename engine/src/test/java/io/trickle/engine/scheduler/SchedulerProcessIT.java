package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static io.trickle.engine.scheduler.SchedulerFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code trickle run} as its own process, the way an operator runs it: killed with SIGKILL in the
 * middle of refreshes while an application writes, restarted, and finally stopped with SIGTERM.
 */
class SchedulerProcessIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TOTALS = "SELECT grp, count(*) AS cnt, sum(v) AS total FROM public.ledger GROUP BY grp";
    private static final String POSITIVE = "SELECT id, v, grp FROM public.ledger WHERE v > 10";
    private static final String RICH = "SELECT grp, total FROM public.ledger_totals WHERE total > 100";

    @Test
    void killedMidRefreshAndRestartedNothingIsLostOrAppliedTwiceThenSigtermStopsCleanly() throws Exception {
        SchedulerFixture.install(db);
        source(db, "ledger");
        try (Trickle engine = SchedulerFixture.engine(db)) {
            engine.create(CreateRequest.of("ledger_totals", TOTALS).schedule("calculated"));
            engine.create(CreateRequest.of("ledger_positive", POSITIVE).schedule("1s"));
            engine.create(CreateRequest.of("ledger_rich", RICH).schedule("1s"));
        }
        Path log = Files.createTempFile("trickle-run", ".log");
        Process daemon = start(log);
        try (SourceWriter writer = new SourceWriter(db.jdbcUrl(), "ledger", 11, 1_000_000)) {
            for (int round = 0; round < 3; round++) {
                awaitLeader(daemon, log);
                boolean midRefresh = awaitRunningRefresh();
                daemon.destroyForcibly();
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the killed daemon is gone");
                assertTrue(midRefresh || round > 0, "a refresh was running when the daemon was killed");
                daemon = start(log);
            }
            awaitLeader(daemon, log);
            long written = writer.transactions();
            Eventually.await(DEADLINE, () -> writer.transactions() > written + 50, "the application keeps writing");
        }
        awaitMatches(db, "ledger_totals", TOTALS);
        awaitMatches(db, "ledger_positive", POSITIVE);
        awaitMatches(db, "ledger_rich", RICH);
        // A refresh killed mid-way rolled back whole: nothing was recorded, nothing counts as an error.
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status IN ('RUNNING', 'FAILED')"));
        assertEquals(0, db.count("SELECT coalesce(sum(consecutive_errors), 0) FROM pgtrickle.pgt_stream_tables"));

        daemon.destroy();
        assertTrue(daemon.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops the daemon within 10 s\n" + Files.readString(log));
        assertEquals(0, daemon.exitValue(), () -> "exit code after SIGTERM\n" + readQuietly(log));
        assertNull(db.scalar("SELECT pgtrickle.scheduler_leader_pid()"), "the leader lock is free");
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status = 'RUNNING'"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
    }

    /**
     * Issue 18, point 7: a stop is not an error. A refresh still running when SIGTERM's grace period
     * ends is cancelled and recorded as interrupted; however often that happens, the table's error
     * count stays at zero and it is never suspended.
     */
    @Test
    void aSigtermDuringARefreshIsRecordedAsInterruptedAndNeverSuspendsTheTable() throws Exception {
        SchedulerFixture.install(db);
        source(db, "slow_src");
        try (Trickle engine = SchedulerFixture.engine(db)) {
            // Never populated, so every daemon starts with its ten-second first population.
            engine.create("slow_copy", "SELECT id, v FROM public.slow_src WHERE pg_sleep(0.1) IS NOT NULL", "1s", null, false);
        }
        Path log = Files.createTempFile("trickle-run", ".log");
        for (int round = 0; round < 3; round++) {
            Process daemon = start(log);
            awaitLeader(daemon, log);
            Eventually.await(DEADLINE, () -> db.count("SELECT count(*) FROM pgtrickle.refreshes_in_progress"
                    + " WHERE pgt_name = 'slow_copy'") == 1, "the slow refresh runs");
            daemon.destroy();
            assertTrue(daemon.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops the daemon within 10 s\n" + readQuietly(log));
            assertEquals(0, daemon.exitValue(), () -> "exit code after SIGTERM\n" + readQuietly(log));
        }
        List<String> failures = db.strings("SELECT error_message FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'slow_copy' AND status = 'FAILED'");
        assertEquals(3, failures.size(), failures::toString);
        assertTrue(failures.stream().allMatch(m -> m.startsWith("interrupted: engine ")), failures::toString);
        assertEquals(List.of("INITIALIZING", "0"), db.strings("SELECT unnest(ARRAY[status, consecutive_errors::text])"
                + " FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'slow_copy'"));
    }

    private static Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.trickle.engine.cli.Main", "run", "--url", db.jdbcUrl());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private static void awaitLeader(Process daemon, Path log) {
        Eventually.await(DEADLINE, () -> {
            if (!daemon.isAlive()) {
                throw new AssertionError("trickle run exited with " + daemon.exitValue() + "\n" + readQuietly(log));
            }
            return db.scalar("SELECT pgtrickle.scheduler_leader_pid()") != null;
        }, "the daemon leads");
    }

    /** Polls for a refresh under way; true if one was seen before the deadline. */
    private static boolean awaitRunningRefresh() throws SQLException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pgtrickle.refreshes_in_progress)")) {
            while (System.nanoTime() - end < 0) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                LockSupport.parkNanos(1_000_000L);
            }
        }
        return false;
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
