package io.trickle.engine.lifecycle;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SccStatus;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Creating and breaking cycles (issue 6): what is refused, with which words, that a refusal leaves
 * nothing behind, and how members are numbered. Each test works on tables of its own.
 */
class CycleDdlIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle engine;

    @BeforeAll
    static void install() {
        engine = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(8));
        engine.install();
        engine.setSetting("scheduler_interval_ms", "100");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** {@code <p>_src(id, val)} with three rows, {@code <p>_a} over it, {@code <p>_b} over {@code <p>_a}. */
    private static void chain(String p) {
        db.execute("CREATE TABLE " + p + "_src (id int PRIMARY KEY, val int NOT NULL)",
                "INSERT INTO " + p + "_src VALUES (1, 10), (2, 20), (3, 30)");
        engine.create(CreateRequest.of(p + "_a", "SELECT id, val FROM " + p + "_src").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
        engine.create(CreateRequest.of(p + "_b", "SELECT id, val FROM " + p + "_a").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
    }

    /** A's query reading B as well: closes the cycle A → B → A. */
    private static String closing(String p) {
        return "SELECT id, val FROM " + p + "_src UNION SELECT id, val FROM " + p + "_b";
    }

    private static void allowCycles(boolean allow) {
        engine.setSetting("allow_circular", String.valueOf(allow));
    }

    /** What a refused alter must leave exactly as it was. */
    private static List<List<Object>> footprint(String p) {
        return db.rows("""
                SELECT (SELECT string_agg(pgt_name || ':' || original_query || ':' || refresh_mode || ':'
                                          || coalesce(scc_id::text, '-'), ' | ' ORDER BY pgt_name)
                          FROM pgtrickle.pgt_stream_tables WHERE pgt_name LIKE ?),
                       (SELECT string_agg(d.pgt_id || '>' || d.source::text, ' ' ORDER BY d.pgt_id, d.source::text) FROM pgtrickle.pgt_dependencies d),
                       (SELECT count(*) FROM pgtrickle.pgt_change_tracking),
                       (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrickle\\_capture\\_%'),
                       (SELECT count(*) FROM pgtrickle.pgt_refresh_history),
                       (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
                         WHERE attrelid = (? || '_a')::regclass AND attnum > 0 AND NOT attisdropped)""",
                p + "\\_%", p);
    }

    @Test
    void byDefaultACycleIsRefusedWithItsPathAndNothingIsLeftBehind() {
        chain("dflt");
        db.execute("CREATE TABLE dflt_extra (id int PRIMARY KEY, val int NOT NULL)");
        engine.resetSetting("allow_circular");
        List<List<Object>> before = footprint("dflt");
        String query = closing("dflt") + " UNION SELECT id, val FROM dflt_extra";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> engine.alter(AlterRequest.of("dflt_a").query(query)));
        assertTrue(e.getMessage().contains("cycle public.dflt_a → public.dflt_b → public.dflt_a"), e.getMessage());
        assertTrue(e.getMessage().contains("allow_circular is off"), e.getMessage());
        assertEquals(before, footprint("dflt"), "a refused alter changes nothing, installs no capture");

        CliRun cli = CliRun.run("--url", db.jdbcUrl(), "alter", "dflt_a", "--query", query);
        assertEquals(2, cli.exitCode(), cli.toString());
        assertTrue(cli.err().contains("public.dflt_a → public.dflt_b → public.dflt_a"), cli.toString());
        assertEquals(before, footprint("dflt"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "agg | SELECT id, count(*) AS val FROM agg_a GROUP BY id | an aggregate",
        "exc | SELECT id, val FROM exc_a EXCEPT SELECT id, val FROM exc_src WHERE id > 2 | EXCEPT",
        "nex | SELECT id, val FROM nex_a a WHERE NOT EXISTS (SELECT 1 FROM nex_src s WHERE s.id = a.id + 1) | NOT EXISTS / NOT IN",
        "nin | SELECT id, val FROM nin_a WHERE id NOT IN (SELECT val FROM nin_src) | NOT EXISTS / NOT IN",
        "win | SELECT id, (rank() OVER (ORDER BY val))::int AS val FROM win_a | a window function",
        "loj | SELECT a.id, s.val FROM loj_a a LEFT JOIN loj_src s ON s.id = a.id + 1 | a LEFT JOIN"})
    void aNonMonotoneMemberIsRefusedNamingItsOperator(String p, String nonMonotone, String named) {
        allowCycles(true);
        db.execute("CREATE TABLE " + p + "_src (id int PRIMARY KEY, val int NOT NULL)",
                "INSERT INTO " + p + "_src VALUES (1, 10), (2, 20), (3, 30)");
        engine.create(CreateRequest.of(p + "_a", "SELECT id, val FROM " + p + "_src").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
        engine.create(CreateRequest.of(p + "_b", "SELECT id, val FROM " + p + "_src").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
        engine.alter(AlterRequest.of(p + "_a").query(closing(p)));
        List<List<Object>> before = footprint(p);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> engine.alter(AlterRequest.of(p + "_b").query(nonMonotone)));
        assertTrue(e.getMessage().contains("member public." + p + "_b is not monotone: its query uses " + named),
                e.getMessage());
        assertTrue(e.getMessage().contains("cycle public." + p + "_b → public." + p + "_a → public." + p + "_b"),
                e.getMessage());
        assertEquals(before, footprint(p));
    }

    @Test
    void everyMemberMustBeDifferential() {
        allowCycles(true);
        db.execute("CREATE TABLE mode_src (id int PRIMARY KEY, val int NOT NULL)");
        engine.create(CreateRequest.of("mode_a", "SELECT id, val FROM mode_src").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
        engine.create(CreateRequest.of("mode_b", "SELECT id, val FROM mode_a").schedule("1h"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> engine.alter(AlterRequest.of("mode_a").query(closing("mode"))));
        assertTrue(e.getMessage().contains("member public.mode_b has refresh mode AUTO"), e.getMessage());

        engine.alter(AlterRequest.of("mode_b").mode(RefreshMode.DIFFERENTIAL));
        engine.alter(AlterRequest.of("mode_a").query(closing("mode")));
        InvalidInputException leaving = assertThrows(InvalidInputException.class,
                () -> engine.alter(AlterRequest.of("mode_a").mode(RefreshMode.AUTO)));
        assertTrue(leaving.getMessage().contains("member public.mode_a has refresh mode AUTO"), leaving.getMessage());
    }

    @Test
    void membersShareANumberThatStaysUntilTheCycleIsBrokenAndThenScheduleNormally() throws Exception {
        allowCycles(true);
        chain("num");
        engine.alter(AlterRequest.of("num_a").query(closing("num")));
        Integer scc = sccOf("num_a");
        assertNotNull(scc);
        assertEquals(scc, sccOf("num_b"));
        SccStatus status = engine.sccStatus().stream().filter(s -> s.sccId() == scc).findFirst().orElseThrow();
        assertEquals(List.of("public.num_a", "public.num_b"), status.members());
        assertNull(status.lastIterations(), "no fixpoint has run yet");
        assertEquals(2L, db.count("SELECT member_count FROM pgtrickle.pgt_scc_status() WHERE scc_id = ?", scc));

        engine.alter(AlterRequest.of("num_b").query("SELECT id, val FROM num_a WHERE val > 0"));
        engine.alter(AlterRequest.of("num_a").schedule("5m"));
        assertEquals(scc, sccOf("num_a"), "the same members keep their number");
        JsonNode listed = CliRun.run("--url", db.jdbcUrl(), "list", "--json").json().get("stream_tables");
        for (JsonNode t : listed) {
            if (t.get("name").asText().startsWith("public.num_")) {
                assertEquals(scc.intValue(), t.get("scc_id").asInt(), t.toString());
            }
        }
        CliRun show = CliRun.run("--url", db.jdbcUrl(), "show", "num_b");
        assertTrue(show.out().contains("cycle:    scc " + scc + " with public.num_a, public.num_b"), show.toString());

        engine.alter(AlterRequest.of("num_a").query("SELECT id, val FROM num_src"));
        assertNull(sccOf("num_a"));
        assertNull(sccOf("num_b"));
        assertTrue(engine.sccStatus().stream().noneMatch(s -> s.sccId() == scc));
        db.execute("INSERT INTO num_src VALUES (4, 40)");
        long before = db.count("SELECT max(refresh_id) FROM pgtrickle.pgt_refresh_history");
        engine.alter(AlterRequest.of("num_a").schedule("1s"));
        engine.alter(AlterRequest.of("num_b").schedule("1s"));
        try (SchedulerHandle scheduler = engine.runScheduler(SchedulerOptions.defaults())) {
            Eventually.await(DEADLINE, () -> scheduler.role() == SchedulerRole.LEADER, "the scheduler leads");
            Eventually.succeeds(DEADLINE, () -> {
                assertEquals(1, db.count("SELECT count(*) FROM num_b WHERE id = 4"));
                matches("num_a", "SELECT id, val FROM num_src");
                matches("num_b", "SELECT id, val FROM num_a WHERE val > 0");
            }, "num_a and num_b follow num_src again");
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE refresh_id > ?"
                + " AND fixpoint_iteration IS NOT NULL", before), "refreshed one by one, not as a cycle");
    }

    @Test
    void droppingACycleTakesItsNumberAlong() {
        allowCycles(true);
        chain("drp");
        engine.create(CreateRequest.of("drp_reader", "SELECT id FROM drp_b").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
        engine.alter(AlterRequest.of("drp_a").query(closing("drp")));
        Integer scc = sccOf("drp_a");
        assertNotNull(scc);
        assertThrows(io.trickle.engine.api.TrickleException.ActionFailedException.class, () -> engine.drop("drp_a", false),
                "a member is read by the other");
        assertEquals(List.of("public.drp_reader", "public.drp_b", "public.drp_a"), engine.drop("drp_a", true));
        assertTrue(engine.sccStatus().stream().noneMatch(s -> s.sccId() == scc));
    }

    private static Integer sccOf(String name) {
        return (Integer) db.scalar("SELECT scc_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", name);
    }

    private static void matches(String table, String query) {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", table, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
