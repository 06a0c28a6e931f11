package io.trickle.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.db.AdvisoryLocks;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code trickle bench core}, not a measurement: tiny sizes, so it stays fast. Every
 * scenario runs and is oracle-checked, every path works (a fresh process per refresh, the daemon as a
 * process, in-process), the CSV has DESIGN §6's columns and the suite's, the run leaves nothing
 * behind, and it refuses bad options, a schema it did not create and a database another engine
 * schedules, before anything changes.
 */
class BenchCoreCliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    @Tag("pg15")
    void everyScenarioRunsInProcessAndIsCheckedByTheOracle() throws Exception {
        Path csv = dir.resolve("core.csv");
        CliRun run = CliRun.run("bench", "core", "--url", db.jdbcUrl(), "--rows", "300", "--change-pct", "10",
                "--scenarios", "all", "--via", "api", "--cycles", "2", "--capture", "--out", csv.toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = run.json();
        assertFalse(report.get("pg_ivm_available").asBoolean(), "the test server has no pg_ivm");
        assertTrue(report.get("pg_ivm").asText().contains("not available"), report.toString());
        assertEquals(Scenario.values().length, report.get("cases").size(), report.toString());
        for (JsonNode c : report.get("cases")) {
            assertEquals("DIFFERENTIALx2", c.get("actions").asText(), c.toString());
            assertTrue(c.get("refresh_mv_ms").isNumber() && c.get("trickle_ms").isNumber(), c.toString());
        }
        assertEquals(3, report.get("capture").size(), report.toString());
        assertTrue(report.get("oracle_checks").asInt() >= 2 * 2 * Scenario.values().length, report.toString());

        List<Map<String, String>> rows = BenchmarkCsvFile.read(csv).rows();
        String header = Files.readAllLines(csv).get(0);
        assertEquals(BenchmarkCsv.HEADER + "," + String.join(",", SuiteCsv.COLUMNS), header);
        Set<String> baselines = new HashSet<>();
        rows.forEach(r -> baselines.add(r.get("baseline")));
        assertEquals(Set.of("refresh_mv", "full", "trickle", "plain"), baselines, "no pg_ivm rows without pg_ivm");
        assertTrue(rows.stream().filter(r -> r.get("baseline").equals("trickle") && !r.get("scenario").equals("no_change"))
                .allMatch(r -> r.get("oracle").equals("ok") && !r.get("write_ms").isEmpty()), "every refresh checked");
        assertTrue(Files.exists(dir.resolve("core-summary.txt")));
        assertNothingLeft();
    }

    @Test
    void theCommandLineAndTheDaemonAreMeasuredAsProcessesOfTheirOwn() throws Exception {
        Path csv = dir.resolve("paths.csv");
        CliRun run = CliRun.run("bench", "core", "--url", db.jdbcUrl(), "--rows", "200", "--change-pct", "5",
                "--scenarios", "aggregate", "--via", "cli,daemon", "--cycles", "2", "--writers", "1",
                "--writer-seconds", "1", "--out", csv.toString(), "--trickle-command", quickJava());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("REFRESH MATERIALIZED VIEW / Trickle, path cli"), run.toString());
        assertTrue(run.out().contains("REFRESH MATERIALIZED VIEW / Trickle, path daemon"), run.toString());
        List<Map<String, String>> rows = BenchmarkCsvFile.read(csv).rows();
        for (String path : List.of("cli", "daemon")) {
            List<Map<String, String>> trickle = rows.stream().filter(r -> r.get("path").equals(path)
                    && r.get("baseline").equals("trickle") && r.get("scenario").equals("aggregate")).toList();
            assertEquals(2, trickle.size(), path);
            assertTrue(trickle.stream().allMatch(r -> r.get("action").equals("DIFFERENTIAL")), path);
            assertTrue(rows.stream().anyMatch(r -> r.get("path").equals(path) && r.get("scenario").equals("no_change")
                    && r.get("action").equals("NO_DATA")), path);
        }
        assertEquals(Set.of("plain", "trickle"), Set.copyOf(rows.stream().filter(r -> r.get("scenario").equals("writers"))
                .map(r -> r.get("baseline")).toList()));
        assertTrue(Files.exists(dir.resolve("paths-daemon.log")));
        Eventually.await(Duration.ofSeconds(10), () -> db.count("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name LIKE 'trickle%scheduler'") == 0,
                "the daemon's sessions end with it");
        assertNothingLeft();
    }

    @Test
    void anotherSchedulingEngineIsRefusedBeforeAnythingChanges() throws Exception {
        try (Connection other = db.connect();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, 0)")) {
            lock.setInt(1, AdvisoryLocks.LEGACY_LEADER_CLASS);
            lock.executeQuery().close();
            CliRun run = CliRun.run("bench", "core", "--url", db.jdbcUrl(), "--rows", "200", "--out",
                    dir.resolve("x.csv").toString(), "--schema", "refused_here");
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("schedules database"), run.toString());
        }
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'refused_here'"));
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void noDaemonIsStartedWhereOtherStreamTablesLive() {
        db.execute("CREATE TABLE IF NOT EXISTS mine (id int PRIMARY KEY)");
        assertEquals(0, CliRun.at(db.jdbcUrl(), "install").exitCode());
        assertEquals(0, CliRun.at(db.jdbcUrl(), "create", "mine_st", "--query", "SELECT id FROM mine").exitCode());
        try {
            CliRun run = CliRun.run("bench", "core", "--url", db.jdbcUrl(), "--rows", "200", "--via", "daemon",
                    "--out", dir.resolve("x.csv").toString());
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(run.err().contains("public.mine_st"), run.toString());
            assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'trickle_bench'"));
        } finally {
            assertEquals(0, CliRun.at(db.jdbcUrl(), "drop", "mine_st").exitCode());
        }
    }

    @Test
    void aSchemaTheSuiteDidNotCreateIsLeftAlone() {
        db.execute("CREATE SCHEMA theirs", "CREATE TABLE theirs.keep (id int)");
        CliRun run = CliRun.run("bench", "core", "--url", db.jdbcUrl(), "--rows", "200", "--schema", "theirs",
                "--out", dir.resolve("x.csv").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("\"theirs\"") || run.err().contains("theirs"), run.toString());
        assertEquals(1, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'theirs'"));
    }

    @Test
    void badOptionsAreRefusedBeforeConnecting() {
        for (String[] bad : List.of(new String[] {"--cycles", "1"}, new String[] {"--rows", "5"},
                new String[] {"--scenarios", "cartesian"}, new String[] {"--via", "carrier-pigeon"},
                new String[] {"--mix", "50,50,1"}, new String[] {"--change-pct", "0"}, new String[] {"--mode", "FULL"})) {
            String[] args = new String[bad.length + 5];
            args[0] = "bench";
            args[1] = "core";
            args[2] = "--url";
            args[3] = "jdbc:postgresql://localhost:1/none";
            args[4] = "--json";
            System.arraycopy(bad, 0, args, 5, bad.length);
            CliRun run = CliRun.run(args);
            assertEquals(2, run.exitCode(), String.join(" ", bad) + "\n" + run);
        }
    }

    @Test
    void theOracleSeesADifference() throws Exception {
        db.execute("CREATE TABLE oracle_t (id int, v numeric)", "INSERT INTO oracle_t VALUES (1, 1.5), (2, 2.5)");
        try (Connection c = db.connect()) {
            assertTrue(ResultOracle.check(c, "public.oracle_t", "SELECT * FROM (VALUES (2, 2.5), (1, 1.5)) q(id, v)")
                    .matches());
            ResultOracle.Verdict v = ResultOracle.check(c, "public.oracle_t",
                    "SELECT * FROM (VALUES (1, 1.5), (1, 1.5), (2, 2.6)) q(id, v)");
            assertFalse(v.matches());
            assertEquals(List.of("(2, 2.5)"), v.extra());
            assertEquals(2, v.missing().size(), v.missing().toString());
        }
    }

    @Test
    void evidenceIsEveryStatementExplainedByAutoExplain() throws Exception {
        Evidence evidence = new Evidence(db.jdbcUrl());
        // The catalog has the SQL refresh and the test server's superuser may load auto_explain.
        assertEquals(java.util.Optional.empty(), evidence.unavailable());
        db.execute("CREATE TABLE IF NOT EXISTS evidence_t AS SELECT g AS id FROM generate_series(1, 1000) g",
                "CREATE OR REPLACE FUNCTION evidence_f(t text) RETURNS bigint LANGUAGE plpgsql AS $$"
                        + " DECLARE n bigint; BEGIN SELECT count(*) INTO n FROM evidence_t WHERE id::text <> t;"
                        + " RETURN n; END $$");
        Evidence.Capture capture = evidence.explain("SELECT evidence_f(?)", "x");
        assertEquals(2, capture.steps().size(), capture.render());
        assertTrue(capture.dominant().orElseThrow().plan().contains("Buffers"), capture.render());
        assertTrue(capture.dominant().orElseThrow().plan().contains("actual time"), capture.render());

        // A stream table's refresh from SQL: the compiled function's own statements are explained too.
        CliRun created = CliRun.run("create", "evidence_st", "--url", db.jdbcUrl(), "--query",
                "SELECT id FROM evidence_t", "--mode", "DIFFERENTIAL");
        assertEquals(0, created.exitCode(), created.toString());
        try {
            db.execute("INSERT INTO evidence_t VALUES (1001), (1002)");
            Evidence.Capture refresh = evidence.refresh("public.evidence_st");
            assertTrue(refresh.render().contains("INSERT INTO \"public\".\"evidence_st\""), refresh.render());
            assertEquals(1002, db.count("SELECT count(*) FROM evidence_st"));
        } finally {
            assertEquals(0, CliRun.run("drop", "evidence_st", "--url", db.jdbcUrl()).exitCode());
        }
    }

    /**
     * The processes the suite starts, from this build's class path, with a JVM that starts quickly
     * (a test checks what they do, not how fast).
     */
    private static String quickJava() {
        return String.join(" ", ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.trickle.engine.cli.Main");
    }

    private static void assertNothingLeft() {
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'trickle_bench'"));
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"));
    }
}
