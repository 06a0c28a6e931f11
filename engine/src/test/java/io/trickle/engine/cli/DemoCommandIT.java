package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trickle demo} as its own process: it starts the embedded PostgreSQL under its home,
 * installs the catalog and the demo, schedules until SIGTERM, and then exits with 0 and stops the
 * server it started.
 */
class DemoCommandIT {

    @TempDir
    Path home;

    @Test
    void setsUpTheDemoSchedulesItAndStopsOnSigterm() throws Exception {
        Path log = home.resolve("demo.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.trickle.engine.cli.Main", "demo");
        pb.environment().put("TRICKLE_HOME", home.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process demo = pb.start();
        try {
            Pattern psql = Pattern.compile("psql -h localhost -p (\\d+) -U postgres trickle");
            Eventually.await(Duration.ofSeconds(120), () -> {
                if (!demo.isAlive()) {
                    throw new AssertionError("trickle demo exited with " + demo.exitValue() + "\n" + read(log));
                }
                return read(log).contains("trickle demo: scheduling");
            }, "the demo to schedule");
            String out = read(log);
            assertTrue(out.contains("stream table shop.order_totals"), out);
            Matcher port = psql.matcher(out);
            assertTrue(port.find(), out);
            String url = "jdbc:postgresql://localhost:" + port.group(1) + "/trickle?user=postgres";
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM pgtrickle.pgt_stream_tables),"
                         + " (SELECT count(*) FROM pgtrickle.pgt_watermark_groups),"
                         + " (SELECT count(*) FROM pgtrickle.pgt_scc_status())")) {
                rs.next();
                assertEquals(9, rs.getInt(1), "the shop's six, the ETL join and the two tables of the referral cycle");
                assertEquals(1, rs.getInt(2), "the ETL feeds' watermark group");
                assertEquals(1, rs.getInt(3), "the referral cycle");
            }
            Eventually.await(Duration.ofSeconds(30), () -> {
                try (Connection c = DriverManager.getConnection(url);
                     ResultSet rs = c.createStatement().executeQuery("SELECT pgtrickle.scheduler_leader_pid()")) {
                    rs.next();
                    return rs.getObject(1) != null;
                } catch (java.sql.SQLException e) {
                    return false;
                }
            }, "the demo's scheduler to lead");
        } finally {
            demo.destroy();
            assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the demo\n" + read(log));
        }
        assertEquals(0, demo.exitValue(), () -> "exit code after SIGTERM\n" + read(log));
        assertTrue(read(log).contains("Stopped the demo"), read(log));
        assertTrue(Files.isDirectory(home.resolve("embedded")), "the server's data lives under TRICKLE_HOME");
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
