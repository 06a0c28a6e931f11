package io.trickle.engine.scheduler;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.SccStatus;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cycles of stream tables refreshed to a fixpoint (issue 6). The oracle for a cycle: two mutually
 * recursive tables over an edge table, {@code a = edges ∪ b⋈edges} and {@code b = a ∪ edges}, must
 * both equal the transitive closure that a recursive CTE computes, after any change to the edges —
 * including removing the edge that leads into a cycle of the data, after which the rows of that
 * cycle would keep each other alive if removals were applied by counting.
 */
@Tag("pg15")
class CyclesIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle engine;

    @BeforeAll
    static void install() {
        SchedulerFixture.install(db);
        engine = SchedulerFixture.engine(db);
        engine.setSetting("allow_circular", "true");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @AfterEach
    void defaultIterations() {
        engine.resetSetting("max_fixpoint_iterations");
    }

    /** Edges 1→2, 2→3, 3→4, 4→2 (2, 3 and 4 form a cycle of the data), and the two tables, formed into a cycle. */
    private static void reachability(String p, String schedule) {
        db.execute("CREATE TABLE " + p + "_edges (src int, dst int, PRIMARY KEY (src, dst))",
                "INSERT INTO " + p + "_edges VALUES (1, 2), (2, 3), (3, 4), (4, 2)");
        engine.create(CreateRequest.of(p + "_a", "SELECT src, dst FROM " + p + "_edges").schedule(schedule).mode(RefreshMode.DIFFERENTIAL));
        engine.create(CreateRequest.of(p + "_b", "SELECT src, dst FROM " + p + "_a UNION SELECT src, dst FROM " + p + "_edges").schedule(schedule).mode(RefreshMode.DIFFERENTIAL));
        engine.alter(AlterRequest.of(p + "_a").query("SELECT src, dst FROM " + p + "_edges UNION SELECT b.src, e.dst FROM " + p + "_b b JOIN "
                + p + "_edges e ON b.dst = e.src"));
    }

    private static String closure(String p) {
        return "WITH RECURSIVE r(src, dst) AS (SELECT src, dst FROM " + p + "_edges UNION SELECT r.src, e.dst FROM r JOIN "
                + p + "_edges e ON r.dst = e.src) SELECT src, dst FROM r";
    }

    private static void assertClosure(String p) {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", p + "_a", closure(p));
            Oracle.assertMatches(c, "public", p + "_b", closure(p));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitClosure(String p, String after) {
        Eventually.succeeds(DEADLINE, () -> assertClosure(p), p + "_a and " + p + "_b equal the closure " + after);
    }

    private static String status(String name) {
        return (String) db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", name);
    }

    @Test
    void aMonotoneCycleConvergesToTheClosureWhileTheSchedulerRunsWhateverTheEdgesDo() {
        reachability("tc", "1s");
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            awaitClosure("tc", "once the scheduler runs");
            Eventually.await(DEADLINE, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name"
                    + " LIKE 'tc\\_%' AND status = 'ACTIVE' AND last_converged_at IS NOT NULL") == 2, "both converged");
            Integer scc = (Integer) db.scalar("SELECT scc_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'tc_a'");
            assertNotNull(scc);
            SccStatus status = engine.sccStatus().stream().filter(s -> s.sccId() == scc).findFirst().orElseThrow();
            assertEquals(List.of("public.tc_a", "public.tc_b"), status.members());
            assertTrue(status.lastIterations() >= 1, status.toString());
            assertNotNull(status.lastConvergedAt());
            assertEquals(2, db.count("SELECT count(*) FROM pgtrickle.pg_stat_stream_tables s"
                    + " JOIN pgtrickle.stream_tables_info i USING (pgt_id) WHERE s.pgt_name LIKE 'tc\\_%'"
                    + " AND s.scc_id = ? AND i.scc_id = ? AND s.last_fixpoint_iterations >= 1"
                    + " AND i.last_fixpoint_iterations >= 1", scc, scc), "the monitoring views show the cycle");
            assertEquals(2, db.count("SELECT count(DISTINCT pgt_name) FROM pgtrickle.pgt_refresh_history"
                    + " WHERE pgt_name LIKE 'tc\\_%' AND fixpoint_iteration >= 1"), "history rows carry their iteration");

            db.execute("INSERT INTO tc_edges VALUES (5, 1), (4, 6)");
            awaitClosure("tc", "after edges were added");
            db.execute("DELETE FROM tc_edges WHERE src = 1 AND dst = 2");
            awaitClosure("tc", "after the edge into the data's cycle was removed");
            db.execute("DELETE FROM tc_edges WHERE src = 3 AND dst = 4");
            awaitClosure("tc", "after the data's cycle was cut");
            db.execute("INSERT INTO tc_edges VALUES (1, 2), (3, 4), (6, 6)", "UPDATE tc_edges SET dst = 3 WHERE src = 5");
            awaitClosure("tc", "after edges were added back and one was moved");
            assertEquals("ACTIVE", status("tc_a"));
            assertEquals("ACTIVE", status("tc_b"));
        }
    }

    @Test
    void convergenceIsRecordedAndARunWithNothingToDoLeavesItAsItWas() {
        reachability("rec", "1h");
        long before = db.count("SELECT max(refresh_id) FROM pgtrickle.pgt_refresh_history");
        RefreshResult first = engine.refresh("rec_a");
        assertClosure("rec");
        int iterations = (Integer) db.scalar("SELECT last_fixpoint_iterations FROM pgtrickle.pgt_stream_tables"
                + " WHERE pgt_name = 'rec_b'");
        assertEquals(iterations, ((Number) db.scalar("SELECT max(fixpoint_iteration) FROM pgtrickle.pgt_refresh_history"
                + " WHERE refresh_id > ? AND pgt_name = 'rec_b'", before)).intValue(), "the last iteration is recorded");
        assertTrue(first.reason().contains("converged after " + iterations + " iterations"), first.reason());
        List<List<Object>> recorded = db.rows("SELECT pgt_name, last_fixpoint_iterations, last_converged_at"
                + " FROM pgtrickle.pgt_stream_tables WHERE pgt_name LIKE 'rec\\_%' ORDER BY 1");

        RefreshResult idle = engine.refresh("rec_b");
        assertEquals(RefreshAction.NO_DATA, idle.action());
        assertEquals(recorded, db.rows("SELECT pgt_name, last_fixpoint_iterations, last_converged_at"
                + " FROM pgtrickle.pgt_stream_tables WHERE pgt_name LIKE 'rec\\_%' ORDER BY 1"));

        db.execute("INSERT INTO rec_edges VALUES (4, 5)");
        RefreshResult grown = engine.refresh("rec_b");
        assertEquals(RefreshAction.DIFFERENTIAL, grown.action(), "additions are taken differentially");
        assertClosure("rec");
    }

    @Test
    void aCycleThatDoesNotConvergeEndsInErrorAndResumesWhenAllowedMoreIterations() {
        reachability("nc", "1s");
        engine.setSetting("max_fixpoint_iterations", "1");
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            Eventually.await(DEADLINE, () -> "ERROR".equals(status("nc_a")) && "ERROR".equals(status("nc_b")),
                    "both members go to ERROR");
            for (String member : List.of("nc_a", "nc_b")) {
                List<Object> row = db.rows("SELECT last_error, last_fixpoint_iterations FROM pgtrickle.pgt_stream_tables"
                        + " WHERE pgt_name = ?", member).get(0);
                assertTrue(((String) row.get(0)).contains("did not converge after 1 iterations"), row.toString());
                assertEquals(1, row.get(1));
            }
            engine.resetSetting("max_fixpoint_iterations");
            engine.alter(AlterRequest.of("nc_a").status(AlterRequest.Status.ACTIVE));
            engine.alter(AlterRequest.of("nc_b").status(AlterRequest.Status.ACTIVE));
            awaitClosure("nc", "once resumed");
        }
        engine.setSetting("max_fixpoint_iterations", "1");
        db.execute("INSERT INTO nc_edges VALUES (4, 7), (7, 8)");
        ActionFailedException e = assertThrows(ActionFailedException.class, () -> engine.refresh("nc_a"));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
        assertEquals("ERROR", status("nc_a"));
        assertEquals("ERROR", status("nc_b"));
    }

    @Test
    void aMisalignedWatermarkGroupBeneathAnyMemberHoldsTheWholeCycleBack() {
        db.execute("CREATE TABLE wm_edges (src int, dst int, PRIMARY KEY (src, dst))",
                "CREATE TABLE wm_extra (src int, dst int, PRIMARY KEY (src, dst))",
                "INSERT INTO wm_edges VALUES (1, 2), (2, 3)");
        engine.create(CreateRequest.of("wm_a", "SELECT src, dst FROM wm_edges").schedule("1s").mode(RefreshMode.DIFFERENTIAL));
        engine.create(CreateRequest.of("wm_b", "SELECT src, dst FROM wm_a UNION SELECT src, dst FROM wm_extra").schedule("1s").mode(RefreshMode.DIFFERENTIAL));
        engine.alter(AlterRequest.of("wm_a").query("SELECT src, dst FROM wm_edges UNION SELECT b.src, e.dst FROM wm_b b JOIN wm_edges e"
                + " ON b.dst = e.src"));
        // wm_b = wm_a ∪ wm_extra is the closure of both edge tables; wm_a is its query over wm_b.
        String closure = "WITH RECURSIVE r(src, dst) AS (SELECT src, dst FROM wm_edges UNION SELECT src, dst FROM wm_extra"
                + " UNION SELECT r.src, e.dst FROM r JOIN wm_edges e ON r.dst = e.src) SELECT src, dst FROM r";
        engine.createWatermarkGroup("wm_feed", List.of("wm_edges", "wm_extra"), java.time.Duration.ZERO);
        engine.advanceWatermark("wm_edges", java.time.Instant.parse("2026-03-02T00:00:00Z"));
        engine.advanceWatermark("wm_extra", java.time.Instant.parse("2026-03-01T00:00:00Z"));
        db.execute("INSERT INTO wm_extra VALUES (3, 1)");
        long before = db.count("SELECT coalesce(max(refresh_id), 0) FROM pgtrickle.pgt_refresh_history");

        RefreshResult respected = engine.refresh("wm_a", new RefreshOptions(false, true));
        assertEquals(0, db.count("SELECT count(*) FROM wm_b WHERE src = 3"), "skipped: nothing of wm_extra's load shows");
        assertEquals(RefreshAction.SKIP, respected.action(), "wm_a reads wm_extra only through wm_b, in its cycle");
        assertTrue(respected.reason().contains("watermark_misaligned") && respected.reason().contains("wm_extra"),
                respected.reason());
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            Eventually.await(DEADLINE, () -> db.count("SELECT count(DISTINCT pgt_name) FROM pgtrickle.pgt_refresh_history"
                    + " WHERE refresh_id > ? AND initiated_by = 'SCHEDULER' AND action = 'SKIP'"
                    + " AND reason LIKE 'watermark_misaligned%'", before) == 2, "the scheduler skips both members");
            assertEquals(0, db.count("SELECT count(*) FROM wm_b WHERE src = 3"), "nothing of wm_extra's load shows");
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE refresh_id > ?"
                    + " AND action IN ('DIFFERENTIAL', 'FULL')", before), "no member refreshed");
        }
        RefreshResult overridden = engine.refresh("wm_b");
        assertTrue(overridden.reason().contains("overrode watermark gating: watermark_misaligned"), overridden.reason());
        assertEquals(1, db.count("SELECT count(*) FROM wm_b WHERE src = 3 AND dst = 1"), "the override ran the cycle");
        db.execute("INSERT INTO wm_extra VALUES (2, 7)");
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            engine.advanceWatermark("wm_extra", java.time.Instant.parse("2026-03-02T00:00:00Z"));
            Eventually.succeeds(DEADLINE, () -> {
                try (Connection c = db.connect()) {
                    Oracle.assertMatches(c, "public", "wm_b", closure);
                    Oracle.assertMatches(c, "public", "wm_a", "SELECT src, dst FROM wm_edges UNION SELECT b.src, e.dst"
                            + " FROM wm_b b JOIN wm_edges e ON b.dst = e.src");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "the cycle runs to its fixpoint once the group aligns");
        }
        engine.dropWatermarkGroup("wm_feed");
    }
}
