package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static io.trickle.engine.scheduler.SchedulerFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduler daemon in this JVM: schedules, order, diamonds, requests, suspension, list. */
@Tag("pg15")
class SchedulerIT {

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
    void keepsAChainAndADiamondFreshWhileAnApplicationWrites() throws Exception {
        source(db, "orders");
        String totals = "SELECT grp, count(*) AS cnt, sum(v) AS total FROM public.orders GROUP BY grp";
        String big = "SELECT grp, cnt FROM public.totals WHERE cnt > 3";
        String left = "SELECT id, v FROM public.orders";
        String right = "SELECT id, v FROM public.orders WHERE v >= 0";
        String meet = "SELECT l.id, l.v AS lv, r.v AS rv FROM public.left_side l JOIN public.right_side r ON l.id = r.id";
        engine.create(CreateRequest.of("totals", totals).schedule("calculated"));
        engine.create(CreateRequest.of("big", big).schedule("1s"));
        engine.create(CreateRequest.of("left_side", left).schedule("1s"));
        engine.create(CreateRequest.of("right_side", right).schedule("5s"));
        engine.create(CreateRequest.of("meet", meet).schedule("1s"));
        List<Long> mixed = new ArrayList<>();
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine);
             SourceWriter writer = new SourceWriter(db.jdbcUrl(), "orders", 42, 100_000)) {
            long refreshesBefore = db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'meet'");
            Eventually.await(DEADLINE, () -> writer.transactions() > 300
                    && db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'meet'"
                    + " AND status = 'COMPLETED'") > refreshesBefore + 3, "the writer writes and meet is refreshed");
            // Sample the diamond's meeting table while the writer goes on: both sides always agree.
            for (int i = 0; i < 20; i++) {
                mixed.add(db.count("SELECT count(*) FROM public.meet WHERE lv <> rv"));
            }
        }
        assertTrue(mixed.stream().allMatch(n -> n == 0), "meet combined two versions of orders: " + mixed);
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            awaitMatches(db, "totals", totals);
            awaitMatches(db, "big", big);
            awaitMatches(db, "left_side", left);
            awaitMatches(db, "right_side", right);
            awaitMatches(db, "meet", meet);
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE status <> 'COMPLETED'"));
    }

    @Test
    void listShowsEffectiveSchedulesNextDueTimesAndStaleness() {
        source(db, "parts");
        engine.create(CreateRequest.of("parts_all", "SELECT id, v FROM public.parts").schedule("calculated"));
        engine.create(CreateRequest.of("parts_hourly", "SELECT id FROM public.parts_all").schedule("@hourly"));
        engine.create(CreateRequest.of("parts_fast", "SELECT id FROM public.parts_all WHERE v > 3").schedule("30s"));
        engine.create(CreateRequest.of("parts_later", "SELECT id, v FROM public.parts").schedule("5m").withoutPopulating());
        engine.alter(AlterRequest.of("parts_later").status(AlterRequest.Status.SUSPENDED));
        CliRun list = CliRun.run("--url", db.jdbcUrl(), "list", "--json");
        assertEquals(0, list.exitCode(), list::toString);
        StreamTableInfo all = info("parts_all");
        assertEquals("30s (calculated)", all.effectiveSchedule(), "the tightest reader's schedule");
        assertNotNull(all.nextDueAt());
        assertNotNull(all.stalenessSeconds());
        assertEquals("@hourly", info("parts_hourly").effectiveSchedule());
        assertNull(info("parts_later").nextDueAt(), "a suspended table is not scheduled");
        assertTrue(list.json().toString().contains("\"effective_schedule\":\"30s (calculated)\""), list::toString);
        assertTrue(list.json().toString().contains("next_due_at"), list::toString);
        CliRun text = CliRun.run("--url", db.jdbcUrl(), "list");
        assertTrue(text.out().contains("EFFECTIVE") && text.out().contains("not scheduled"), text::toString);
        engine.drop("parts_all", true);
        engine.drop("parts_later", false);
    }

    @Test
    void tablesCreatedWithoutDataArePopulatedAndRequestsWakeTheLeader() throws Exception {
        source(db, "items");
        engine.create(CreateRequest.of("items_hourly", "SELECT grp, count(*) AS cnt FROM public.items GROUP BY grp").schedule("1h"));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pgtrickle.request_refresh('items_hourly')");
            SQLWarning notice = st.getWarnings();
            assertNotNull(notice, "request_refresh says when no engine schedules the database");
            assertTrue(notice.getMessage().contains("no Trickle engine is scheduling"), notice.getMessage());
        }
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            // Created while the scheduler runs, without data: picked up and populated without a restart.
            engine.create(CreateRequest.of("items_later", "SELECT id, v FROM public.items").schedule("1h").withoutPopulating());
            awaitMatches(db, "items_later", "SELECT id, v FROM public.items");
            db.execute("INSERT INTO items SELECT g, 1, 1 FROM generate_series(1000, 1010) g");
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("SELECT pgtrickle.request_refresh('public.items_hourly')");
                assertNull(st.getWarnings(), "no notice while an engine leads");
            }
            awaitMatches(db, "items_hourly", "SELECT grp, count(*) AS cnt FROM public.items GROUP BY grp");
            assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'items_hourly'"
                    + " AND initiated_by = 'MANUAL' AND action = 'DIFFERENTIAL'"),
                    () -> db.rows("SELECT action, status, initiated_by, reason FROM pgtrickle.pgt_refresh_history"
                            + " WHERE pgt_name = 'items_hourly' ORDER BY refresh_id").toString());
        }
        engine.drop("items_later", false);
        engine.drop("items_hourly", false);
    }

    private static StreamTableInfo info(String name) {
        return engine.list().stream().filter(t -> t.name().equals("public." + name)).findFirst().orElseThrow();
    }

    @Test
    void aMetricsPortOutsideTheTcpRangeIsRefusedBeforeConnecting() {
        CliRun run = CliRun.run("--url", "jdbc:postgresql://localhost:1/nowhere", "run", "--metrics-port", "70000");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("invalid --metrics-port 70000: expected a TCP port from 1 to 65535"), run::toString);
    }
}
