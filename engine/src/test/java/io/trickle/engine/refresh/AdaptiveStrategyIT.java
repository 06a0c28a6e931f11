package io.trickle.engine.refresh;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AUTO learns from a table's refresh history (issue 10, item 11): it refreshes in full when its past
 * differential refreshes say that is cheaper, probes differentially now and then, and abandons a
 * differential refresh that runs past its budget for a full one. Past refreshes are written into the
 * history directly, so that the decisions do not depend on this machine's speed.
 */
@Tag("pg15")
class AdaptiveStrategyIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    /** A completed refresh of {@code table} that took {@code ms}, as if it had run. */
    private static void pastRefresh(String table, String action, long ms, Long sourceChanges) throws Exception {
        db.execute("INSERT INTO pgtrickle.pgt_refresh_history (pgt_id, pgt_schema, pgt_name, action, status, initiated_by,"
                + " rows_inserted, rows_deleted, start_time, end_time, source_changes)"
                + " SELECT pgt_id, pgt_schema, pgt_name, '" + action + "', 'COMPLETED', 'SCHEDULER', 0, 0,"
                + " clock_timestamp() - interval '" + ms + " milliseconds', clock_timestamp(), "
                + (sourceChanges == null ? "NULL" : sourceChanges) + " FROM pgtrickle.pgt_stream_tables WHERE pgt_name = '"
                + table + "'");
    }

    @Test
    void autoRefreshesInFullWhenItsHistorySaysThatIsCheaperAndProbesNowAndThen() throws Exception {
        db.execute("CREATE TABLE costly (id int PRIMARY KEY, v int)", "INSERT INTO costly SELECT i, i FROM generate_series(1, 50) i");
        String q = "SELECT id, v * 2 AS w FROM costly";
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("costly_st", q)).effectiveMode());
        for (int i = 0; i < 3; i++) {
            pastRefresh("costly_st", "FULL", 20, 40L);
            pastRefresh("costly_st", "DIFFERENTIAL", 900, 5L);
        }
        int fullForCost = 0;
        RefreshResult r;
        int round = 0;
        do {
            round++;
            db.execute("UPDATE costly SET v = v + 1 WHERE id = " + round);
            r = trickle.refresh("costly_st");
            if (r.action() == RefreshAction.FULL) {
                fullForCost++;
                assertTrue(r.reason().startsWith(RefreshCostModel.REASON_PREFIX) && r.reason().contains("a full one about"),
                        r.reason());
            }
            try (Connection c = db.connect()) {
                Oracle.assertMatches(c, "public", "costly_st", q);
            }
        } while (r.action() == RefreshAction.FULL && round < 20);
        assertEquals(RefreshCostModel.PROBE_AFTER, fullForCost, "full refreshes chosen for cost before a probe");
        assertEquals(RefreshAction.DIFFERENTIAL, r.action(), "the probe runs differentially");
        assertEquals(2L, db.scalar("SELECT source_changes FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'costly_st' ORDER BY refresh_id DESC LIMIT 1"), "an update is a delete and an insert");

        trickle.setSetting("auto_cost_model", "false");
        try {
            db.execute("UPDATE costly SET v = v + 1 WHERE id = 40");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("costly_st").action(), "the model can be switched off");
        } finally {
            trickle.resetSetting("auto_cost_model");
        }
    }

    @Test
    void aDifferentialRefreshPastItsBudgetIsAbandonedForAFullOne() throws Exception {
        // An expression that takes 0.2 s per row it is evaluated for (declared IMMUTABLE, so that the
        // query stays differential): a differential refresh over 10 changed rows cannot finish within
        // the 1 s budget that a past full refresh of 1 ms gives it.
        db.execute("CREATE FUNCTION slow_double(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS"
                        + " $$ BEGIN PERFORM pg_sleep(0.2); RETURN 2 * x; END $$",
                "CREATE TABLE slowly (id int PRIMARY KEY, v int)", "INSERT INTO slowly SELECT i, i FROM generate_series(1, 12) i");
        String q = "SELECT id, public.slow_double(v) AS w FROM slowly";
        assertEquals(EffectiveMode.DIFFERENTIAL, trickle.create(CreateRequest.of("slowly_st", q)).effectiveMode());
        for (int i = 0; i < 3; i++) {
            pastRefresh("slowly_st", "FULL", 1, null);
        }
        db.execute("UPDATE slowly SET v = v + 100 WHERE id <= 10");
        RefreshResult r = trickle.refresh("slowly_st");
        assertEquals(RefreshAction.FULL, r.action());
        assertTrue(r.reason().contains("ran past its budget of 10") && r.reason().contains("was abandoned"), r.reason());
        Number abandoned = (Number) db.scalar("SELECT abandoned_differential_ms FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'slowly_st' ORDER BY refresh_id DESC LIMIT 1");
        assertTrue(abandoned.doubleValue() >= 900, "the attempt's time is recorded: " + abandoned);
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", "slowly_st", q);
        }
    }
}
