package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMMEDIATE mode through the command line (issue 21, items 1 and 7): what is refused before anything
 * changes, what {@code list}, {@code show} and {@code refresh} say of a table its writers maintain.
 */
@Tag("pg15")
class ImmediateCliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void setUp() {
        assertEquals(0, run("install").exitCode());
        db.execute("CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric)",
                "INSERT INTO sales SELECT i, (ARRAY['eu','us','apac'])[1 + i % 3], i FROM generate_series(1, 30) i");
    }

    private static CliRun run(String... args) {
        return CliRun.at(db.jdbcUrl(), args);
    }

    private static long footprint() {
        return db.count("""
                SELECT (SELECT count(*) FROM pgtrickle.pgt_stream_tables) + (SELECT count(*) FROM pgtrickle.pgt_dependencies)
                     + (SELECT count(*) FROM pgtrickle.pgt_change_tracking) + (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal)
                     + (SELECT count(*) FROM pg_class WHERE relnamespace IN ('public'::regnamespace, 'pgtrickle_changes'::regnamespace))
                     + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'pgtrickle_changes'::regnamespace)""");
    }

    @Test
    void whatCannotBeImmediateIsRefusedWithExitTwoAndLeavesNothingBehind() {
        long before = footprint();
        List<String[]> cases = List.of(
                new String[] {"create", "bad1", "--mode", "IMMEDIATE", "--query", "SELECT id, row_to_json(sales.*)::text FROM sales",
                        "cannot be maintained in IMMEDIATE mode"},
                new String[] {"create", "bad2", "--mode", "IMMEDIATE", "--schedule", "30s", "--query", "SELECT id FROM sales",
                        "takes no schedule"});
        for (String[] c : cases) {
            String expected = c[c.length - 1];
            String[] args = Arrays.copyOf(c, c.length - 1);
            CliRun r = run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r);
            assertTrue(r.err().contains(expected), "message for " + String.join(" ", args) + " should say '" + expected + "':\n" + r);
            assertEquals(before, footprint(), "nothing is left behind by " + String.join(" ", args));
        }
    }

    @Test
    void listShowAndRefreshSayTheTableIsMaintainedInTheWritingTransaction() {
        assertEquals(0, run("create", "imm_regions", "--mode", "IMMEDIATE", "--query",
                "SELECT region, count(*) AS n, sum(amount) AS total FROM sales GROUP BY region").exitCode());
        db.execute("INSERT INTO sales VALUES (100, 'latam', 5)");
        assertEquals(1, db.count("SELECT count(*) FROM imm_regions WHERE region = 'latam' AND n = 1"),
                "the write is in the table when the writer's transaction commits, before any refresh");

        CliRun list = run("list");
        assertTrue(list.out().contains("IMMEDIATE") && list.out().contains("in transaction"), list::toString);
        JsonNode tables = run("list", "--json").json().get("stream_tables");
        assertTrue(tables.get(0).toString().contains("IMMEDIATE"), tables::toString);
        CliRun show = run("show", "imm_regions");
        assertTrue(show.out().contains("IMMEDIATE") && show.out().contains("maintained in the writing transaction"), show::toString);

        JsonNode refreshed = run("refresh", "imm_regions", "--json").json();
        assertEquals("NO_DATA", refreshed.get("action").asText(), refreshed::toString);
        assertTrue(refreshed.get("reason").asText().contains("writing transaction"), refreshed::toString);
        JsonNode full = run("refresh", "imm_regions", "--full", "--json").json();
        assertEquals("FULL", full.get("action").asText(), full::toString);
        assertEquals(4, db.count("SELECT count(*) FROM imm_regions"));

        // Back to a schedule and to IMMEDIATE again: the triggers go and come back.
        assertEquals(0, run("alter", "imm_regions", "--mode", "DIFFERENTIAL", "--schedule", "1m").exitCode());
        assertEquals(0, db.count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrickle_ivm%'"));
        CliRun scheduled = run("alter", "imm_regions", "--mode", "IMMEDIATE", "--schedule", "1m");
        assertEquals(2, scheduled.exitCode(), scheduled::toString);
        CliRun back = run("alter", "imm_regions", "--mode", "IMMEDIATE");
        assertEquals(0, back.exitCode(), back::toString);
        db.execute("DELETE FROM sales WHERE id = 100");
        assertEquals(3, db.count("SELECT count(*) FROM imm_regions"));
        assertEquals(0, run("drop", "imm_regions").exitCode());
        assertEquals(0, db.count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrickle_ivm%'"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'ivm\\_%'"));
    }

    @Test
    void aSourceInAPartitionOrInheritanceTreeIsRefusedWithExitTwo() {
        db.execute("CREATE TABLE parted (id int, region text, amount numeric) PARTITION BY LIST (region)",
                "CREATE TABLE parted_eu PARTITION OF parted FOR VALUES IN ('eu')",
                "CREATE TABLE parted_rest PARTITION OF parted DEFAULT",
                "CREATE TABLE kin (id int, amount numeric)", "CREATE TABLE kin_child () INHERITS (kin)");
        long before = footprint();
        // A write naming a partition or a child fires no statement trigger on the table the query reads.
        for (String source : List.of("parted", "parted_eu", "kin", "kin_child")) {
            CliRun r = run("create", "imm_tree", "--mode", "IMMEDIATE", "--query",
                    "SELECT id, amount FROM " + source);
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.err().contains("public." + source + ", which is in a partition or inheritance tree"), r::toString);
            assertEquals(before, footprint(), "nothing is left behind for " + source);
        }
        assertEquals(0, run("create", "diff_tree", "--mode", "DIFFERENTIAL", "--query", "SELECT id, amount FROM parted").exitCode());
        assertEquals(0, run("drop", "diff_tree").exitCode());
    }

    @Test
    void aCycleCannotHaveAnImmediateMember() {
        assertEquals(0, run("config", "set", "allow_circular", "true").exitCode());
        db.execute("CREATE TABLE cyc_src (id int PRIMARY KEY, val int NOT NULL)", "INSERT INTO cyc_src VALUES (1, 10), (2, 20)");
        assertEquals(0, run("create", "cyc_a", "--query", "SELECT id, val FROM cyc_src").exitCode());
        assertEquals(0, run("create", "cyc_b", "--mode", "IMMEDIATE", "--query", "SELECT id, val FROM cyc_a").exitCode());
        CliRun refused = run("alter", "cyc_a", "--query", "SELECT id, val FROM cyc_src UNION SELECT id, val FROM cyc_b");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("public.cyc_b is IMMEDIATE"), refused::toString);
        assertEquals(0, run("drop", "cyc_a", "--cascade").exitCode());
        assertEquals(0, run("config", "reset", "allow_circular").exitCode());
    }
}
