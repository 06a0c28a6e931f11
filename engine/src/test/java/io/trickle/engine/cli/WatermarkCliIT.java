package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code trickle watermark advance | status | group create | group drop} and
 * {@code refresh --respect-watermarks} (DESIGN §4): text and JSON output, and every bad input refused
 * with exit 2, a message naming the problem, and nothing changed.
 */
@Tag("pg15")
class WatermarkCliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void setUp() {
        assertEquals(0, run("install").exitCode());
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL)",
                "CREATE TABLE order_lines (id int PRIMARY KEY, order_id int NOT NULL, qty int NOT NULL)",
                "CREATE TABLE \"Returns\" (id int PRIMARY KEY)", "CREATE VIEW order_view AS SELECT id FROM orders",
                "INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 5) g",
                "INSERT INTO order_lines SELECT g, 1 + g % 5, 2 FROM generate_series(1, 10) g");
        assertEquals(0, run("create", "line_counts", "--query", "SELECT o.id, count(l.id) AS lines FROM orders o"
                + " LEFT JOIN order_lines l ON l.order_id = o.id GROUP BY o.id", "--schedule", "1h").exitCode());
    }

    private static CliRun run(String... args) {
        return CliRun.at(db.jdbcUrl(), args);
    }

    @Test
    void groupsAdvancesStatusAndGatedRefreshesFromTheShell() {
        CliRun created = run("watermark", "group", "create", "nightly", "--sources", "orders,public.order_lines",
                "--tolerance", "1h30m");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("Created watermark group nightly over public.orders, public.order_lines, tolerance 1h30m\n",
                created.out());

        CliRun waiting = run("watermark", "status");
        assertEquals(0, waiting.exitCode(), waiting::toString);
        assertTrue(waiting.out().matches("(?s)GROUP +ALIGNED +REPORTED .*\nnightly +no +0/2 .*1h30m +public.orders,"
                + " public.order_lines\n.*"), waiting.out());

        CliRun skipped = run("refresh", "line_counts", "--respect-watermarks");
        assertEquals(0, skipped.exitCode(), skipped::toString);
        assertTrue(skipped.out().startsWith("public.line_counts: SKIP, 0 inserted, 0 deleted")
                && skipped.out().contains("(watermark_misaligned: group nightly waits for public.order_lines, public.orders"
                + " (no watermark yet; 0 of 2 sources reported))"), skipped.out());
        JsonNode skippedJson = run("refresh", "line_counts", "--respect-watermarks", "--json").json();
        assertEquals("SKIP", skippedJson.get("action").asText());
        assertTrue(skippedJson.get("reason").asText().startsWith("watermark_misaligned: group nightly"));

        CliRun overridden = run("refresh", "line_counts");
        assertEquals(0, overridden.exitCode(), overridden::toString);
        assertTrue(overridden.out().contains("(overrode watermark gating: watermark_misaligned: group nightly"),
                overridden.out());

        CliRun advanced = run("watermark", "advance", "orders", "2026-03-01 06:00:00+01");
        assertEquals(0, advanced.exitCode(), advanced::toString);
        assertEquals("public.orders: watermark 2026-03-01T05:00:00Z\n", advanced.out());
        JsonNode advancedJson = run("watermark", "advance", "order_lines", "2026-03-01T06:30:00Z", "--json").json();
        assertEquals("public.order_lines", advancedJson.get("source_table").asText());
        assertEquals("2026-03-01T06:30:00Z", advancedJson.get("watermark").asText());

        JsonNode status = run("--json", "watermark", "status").json();
        JsonNode group = status.get("groups").get(0);
        assertEquals("nightly", group.get("group_name").asText());
        assertTrue(group.get("aligned").asBoolean(), "90 minutes allowed, 90 minutes apart");
        assertEquals(5400.0, group.get("lag_seconds").asDouble());
        assertEquals(5400.0, group.get("tolerance_seconds").asDouble());
        assertEquals(2, group.get("sources_with_watermark").asInt());
        assertEquals("2026-03-01T05:00:00Z", group.get("min_watermark").asText());
        assertTrue(status.get("watermarks").size() >= 2);
        assertFalse(status.get("watermarks").get(0).get("wal_lsn").asText().isEmpty());

        CliRun aligned = run("refresh", "line_counts", "--respect-watermarks");
        assertTrue(aligned.out().startsWith("public.line_counts: NO_DATA"), aligned.out());

        CliRun dropped = run("watermark", "group", "drop", "nightly", "--json");
        assertEquals(0, dropped.exitCode(), dropped::toString);
        assertEquals("nightly", dropped.json().get("dropped").asText());
        assertTrue(run("watermark", "status").out().startsWith("No watermark groups\n"));
    }

    @Test
    void everyBadInputIsExitTwoNamingTheProblemAndChangesNothing() {
        assertEquals(0, run("watermark", "group", "create", "existing", "--sources", "orders,\"Returns\"").exitCode());
        assertEquals(0, run("watermark", "advance", "\"Returns\"", "2026-03-02").exitCode());
        long before = footprint();
        List<String[]> cases = List.of(
                new String[] {"watermark", "advance", "no_such_table", "2026-03-01", "relation public.no_such_table does not exist"},
                new String[] {"watermark", "advance", "orders", "yesterday", "invalid timestamp 'yesterday'"},
                new String[] {"watermark", "advance", "orders", "2026-02-30", "invalid timestamp '2026-02-30'"},
                new String[] {"watermark", "advance", "\"Returns\"", "2026-03-01",
                    "cannot move the watermark of public.\"Returns\" backward: current 2026-03-02 00:00:00+00, attempted 2026-03-01"},
                new String[] {"watermark", "advance", "order_view", "2026-03-01", "public.order_view is a view, not a table"},
                new String[] {"watermark", "advance", "orders", "Missing required parameter: 'TIMESTAMP'"},
                new String[] {"watermark", "group", "create", "g1", "--sources", "orders", "it needs at least two sources, got only public.orders"},
                new String[] {"watermark", "group", "create", "g2", "--sources", "orders,nope", "relation public.nope does not exist"},
                new String[] {"watermark", "group", "create", "g3", "--sources", "orders,ORDERS", "public.orders is listed twice"},
                new String[] {"watermark", "group", "create", "g4", "--sources", "orders,order_lines", "--tolerance", "soon",
                    "invalid interval 'soon'"},
                new String[] {"watermark", "group", "create", "g5", "--sources", "orders,order_lines", "--tolerance=-5 minutes",
                    "the tolerance must not be negative, got -00:05:00"},
                new String[] {"watermark", "group", "create", "existing", "--sources", "orders,order_lines",
                    "cannot create watermark group existing: it already exists"},
                new String[] {"watermark", "group", "create", "g6", "Missing required option: '--sources=A,B'"},
                new String[] {"watermark", "group", "drop", "no_such_group", "cannot drop watermark group no_such_group: it does not exist"},
                new String[] {"watermark", "needs a subcommand"},
                new String[] {"watermark", "group", "needs a subcommand"});
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOf(c, c.length - 1);
            CliRun r = run(args);
            assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().contains(c[c.length - 1]), () -> String.join(" ", args) + "\n" + r);
        }
        CliRun json = run("--json", "watermark", "advance", "no_such_table", "2026-03-01");
        assertEquals(2, json.json().get("error").get("exit_code").asInt());
        assertEquals(before, footprint(), "refusals change nothing");
        assertEquals(0, run("watermark", "group", "drop", "existing").exitCode());
    }

    private static long footprint() {
        return db.count("SELECT (SELECT count(*) FROM pgtrickle.pgt_watermark_groups)"
                + " + (SELECT count(*) FROM pgtrickle.pgt_watermarks)"
                + " + (SELECT coalesce(sum(extract(epoch FROM watermark)), 0)::bigint FROM pgtrickle.pgt_watermarks)");
    }
}
