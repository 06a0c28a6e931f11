package io.trickle.engine.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IMMEDIATE mode under concurrent writers (issue 21, items 3–6): writers of one table's sources
 * serialise on its refresh lock and never compute from a stale storage state under any isolation
 * level (a REPEATABLE READ or SERIALIZABLE writer may get a serialization failure and retries, as
 * applications do; nobody deadlocks); a cascade of IMMEDIATE tables is maintained in the writing
 * transaction and a DIFFERENTIAL reader of an IMMEDIATE table reads it through capture; a TRUNCATE
 * recomputes; {@code alter --mode} between IMMEDIATE and the buffered modes under live writers loses
 * and duplicates nothing.
 */
@Tag("pg15")
class ImmediateModeIT {

    private static final String TOTALS = "SELECT g.region, a.grp, count(*) AS n, sum(a.v) AS total"
            + " FROM acct a JOIN grp_info g ON g.grp = a.grp GROUP BY g.region, a.grp";
    private static final String BIG = "SELECT id, grp, v FROM acct WHERE v > 50";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void open() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
    }

    @AfterAll
    static void close() {
        if (trickle != null) {
            trickle.close();
        }
    }

    @BeforeEach
    void sources() {
        db.execute("CREATE TABLE grp_info (grp int PRIMARY KEY, region text NOT NULL)",
                "INSERT INTO grp_info SELECT g, (ARRAY['eu','us','apac'])[1 + g % 3] FROM generate_series(0, 9) g",
                "CREATE TABLE acct (id int PRIMARY KEY, grp int NOT NULL, v int NOT NULL)",
                "INSERT INTO acct SELECT i, i % 10, i FROM generate_series(1, 100) i");
    }

    @AfterEach
    void dropAll() {
        for (var t : trickle.list()) {
            trickle.drop(t.name(), false);
        }
        db.execute("DROP TABLE acct, grp_info");
    }

    private static void assertOracle(String table, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", table, query);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
            Connection.TRANSACTION_SERIALIZABLE})
    void eightWritersOfTheSameKeysNeverDeadlockAndLeaveTheTablesEqualToTheirQueries(int isolation) throws Exception {
        trickle.create("imm_totals", TOTALS, null, "IMMEDIATE", true);
        trickle.create("imm_big", BIG, null, "IMMEDIATE", true);
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                long seed = 4242L * (w + 1) + isolation;
                writers.add(pool.submit(() -> write(seed, isolation, 25, retries, null, false)));
            }
            int committed = 0;
            for (Future<Integer> f : writers) {
                committed += f.get(5, TimeUnit.MINUTES);
            }
            assertEquals(8 * 25, committed);
        } finally {
            pool.shutdownNow();
        }
        assertOracle("imm_totals", TOTALS);
        assertOracle("imm_big", BIG);
        if (isolation == Connection.TRANSACTION_READ_COMMITTED) {
            assertEquals(0, retries.get(), "a READ COMMITTED writer waits for the lock and never needs to retry");
        }
    }

    /**
     * One application writer: {@code transactions} transactions of one to three statements on keys
     * other writers use too; a serialization failure (40001) is retried from the start, anything else
     * (a deadlock, 40P01, above all) fails — unless {@code retryDeadlocks}: writers of a table that is
     * not IMMEDIATE for a while lock rows in random orders, as applications may. Returns the number committed.
     */
    private static int write(long seed, int isolation, int transactions, AtomicInteger retries, AtomicBoolean stop,
                             boolean retryDeadlocks) throws SQLException {
        Random random = new Random(seed);
        int committed = 0;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(isolation);
            try (Statement st = c.createStatement()) {
                while (committed < transactions && (stop == null || !stop.get())) {
                    List<String> tx = new ArrayList<>();
                    for (int i = 0; i <= random.nextInt(3); i++) {
                        int id = 1 + random.nextInt(120);
                        tx.add(switch (random.nextInt(6)) {
                            case 0 -> "UPDATE acct SET v = v + " + random.nextInt(40) + " WHERE id = " + id;
                            case 1 -> "UPDATE acct SET grp = " + random.nextInt(10) + " WHERE id % 17 = " + random.nextInt(17);
                            case 2 -> "INSERT INTO acct VALUES (" + id + ", " + random.nextInt(10) + ", " + random.nextInt(100)
                                    + ") ON CONFLICT (id) DO UPDATE SET v = excluded.v";
                            case 3 -> "DELETE FROM acct WHERE id = " + id;
                            case 4 -> "UPDATE grp_info SET region = (ARRAY['eu','us','apac'])[1 + " + random.nextInt(3)
                                    + "] WHERE grp = " + random.nextInt(10);
                            default -> "UPDATE acct SET v = v - 1 WHERE grp = " + random.nextInt(10);
                        });
                    }
                    try {
                        for (String s : tx) {
                            st.execute(s);
                        }
                        c.commit();
                        committed++;
                    } catch (SQLException e) {
                        c.rollback();
                        if ("40P01".equals(e.getSQLState()) && retryDeadlocks) {
                            continue; // the application's own row locks, while the table has no IMMEDIATE lock
                        }
                        if (!"40001".equals(e.getSQLState())) {
                            throw e;
                        }
                        retries.incrementAndGet();
                    }
                }
            }
        }
        return committed;
    }

    @Test
    void aCascadeIsMaintainedInTheWritingTransactionAndADifferentialReaderReadsThroughCapture() throws Exception {
        trickle.create("imm_rows", "SELECT a.id, a.v, g.region FROM acct a JOIN grp_info g ON g.grp = a.grp", null,
                "IMMEDIATE", true);
        String upper = "SELECT region, count(*) AS n, sum(v) AS total FROM imm_rows GROUP BY region";
        trickle.create("imm_regions", upper, null, "IMMEDIATE", true);
        String reader = "SELECT region, max(v) AS top FROM imm_rows GROUP BY region";
        trickle.create("diff_top", reader, "1m", "DIFFERENTIAL", true);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("UPDATE acct SET v = v * 3 WHERE id % 4 = 0");
            st.execute("UPDATE grp_info SET region = 'latam' WHERE grp = 2");
            Oracle.assertMatches(c, "public", "imm_rows", "SELECT a.id, a.v, g.region FROM acct a JOIN grp_info g ON g.grp = a.grp");
            Oracle.assertMatches(c, "public", "imm_regions", upper);
            // The settings that let maintenance write storage tables are gone once it returned.
            try (var rs = st.executeQuery("SELECT coalesce(current_setting('pgtrickle.internal_refresh', true), '')")) {
                rs.next();
                assertTrue(rs.getString(1).isEmpty() || rs.getString(1).equals("off"), "guard permission left on: " + rs.getString(1));
            }
            c.commit();
        }
        RefreshResult r = trickle.refresh("diff_top", false);
        assertEquals(RefreshAction.DIFFERENTIAL, r.action(), r.reason());
        assertOracle("diff_top", reader);
        assertOracle("imm_regions", upper);
    }

    @Test
    void theSchedulerRefreshesAReaderOfAnImmediateTableAndLeavesTheImmediateTableAlone() throws Exception {
        trickle.create("imm_rows", "SELECT a.id, a.v, a.grp FROM acct a WHERE a.v > 10", null, "IMMEDIATE", true);
        String reader = "SELECT grp, count(*) AS n FROM imm_rows GROUP BY grp";
        trickle.create("diff_counts", reader, "1s", "DIFFERENTIAL", true);
        String immediateHistory = "SELECT count(*) FROM pgtrickle.pgt_refresh_history h JOIN pgtrickle.pgt_stream_tables t"
                + " USING (pgt_id) WHERE t.pgt_name = 'imm_rows'";
        long before = db.count(immediateHistory);
        trickle.setSetting("scheduler_interval_ms", "100");
        try (var scheduler = trickle.runScheduler(SchedulerOptions.defaults())) {
            db.execute("UPDATE acct SET v = v + 1000 WHERE id <= 5", "DELETE FROM acct WHERE id BETWEEN 50 AND 60");
            Eventually.succeeds(Duration.ofSeconds(60), () -> {
                try {
                    assertOracle("diff_counts", reader);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "the scheduler refreshed the reader of the IMMEDIATE table");
        } finally {
            trickle.resetSetting("scheduler_interval_ms");
        }
        assertEquals(before, db.count(immediateHistory), "the scheduler never refreshed the IMMEDIATE table");
        assertOracle("imm_rows", "SELECT a.id, a.v, a.grp FROM acct a WHERE a.v > 10");
    }

    @Test
    void aTruncatedSourceRecomputesTheTableAndASavepointRollsItsMaintenanceBack() throws Exception {
        trickle.create("imm_totals", TOTALS, null, "IMMEDIATE", true);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            var sp = c.setSavepoint();
            st.execute("TRUNCATE acct");
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            assertEquals(0, count(st, "SELECT count(*) FROM imm_totals"));
            c.rollback(sp);
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            st.execute("INSERT INTO acct SELECT i, i % 7, i FROM generate_series(101, 150) i");
            c.commit();
        }
        assertOracle("imm_totals", TOTALS);
        assertTrue(db.count("SELECT count(*) FROM imm_totals") > 0);
    }

    @Test
    void statementsUnderWayTogetherOnTwoSourcesAreMaintainedOnceTheLastFinished() throws Exception {
        db.execute("ALTER TABLE acct ADD FOREIGN KEY (grp) REFERENCES grp_info ON DELETE CASCADE ON UPDATE CASCADE");
        trickle.create("imm_totals", TOTALS, null, "IMMEDIATE", true);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            // One statement writing both sources (a writable CTE).
            st.execute("WITH g AS (UPDATE grp_info SET region = 'latam' WHERE grp IN (1, 2) RETURNING grp)"
                    + " UPDATE acct SET v = v + 100 WHERE grp IN (SELECT grp FROM g)");
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            st.execute("WITH a AS (INSERT INTO acct VALUES (500, 10, 5) RETURNING id)"
                    + " INSERT INTO grp_info SELECT 10, 'mars' FROM a");
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            // A foreign key's cascades write the other source while the statement is under way.
            st.execute("UPDATE grp_info SET grp = 42 WHERE grp = 3");
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            st.execute("DELETE FROM grp_info WHERE grp IN (4, 5)");
            Oracle.assertMatches(c, "public", "imm_totals", TOTALS);
            c.commit();
        }
        assertOracle("imm_totals", TOTALS);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void alterModeUnderLiveWritersLosesAndDuplicatesNothing() throws Exception {
        trickle.create("st_totals", TOTALS, "1m", "DIFFERENTIAL", true);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long seed = 77L * (w + 1);
                writers.add(pool.submit(() -> write(seed, Connection.TRANSACTION_READ_COMMITTED, Integer.MAX_VALUE, retries, stop,
                        true)));
            }
            for (String mode : List.of("IMMEDIATE", "AUTO", "IMMEDIATE", "FULL", "IMMEDIATE", "DIFFERENTIAL")) {
                trickle.alter("st_totals", null, mode.equals("IMMEDIATE") ? null : "1m", mode, null);
                if (mode.equals("IMMEDIATE")) {
                    // Writers are still writing: one snapshot sees the table and its query alike.
                    try (Connection c = db.connect()) {
                        c.setAutoCommit(false);
                        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                        Oracle.assertMatches(c, "public", "st_totals", TOTALS);
                        c.rollback();
                    }
                } else {
                    trickle.refresh("st_totals", false);
                }
            }
            stop.set(true);
            int committed = 0;
            for (Future<Integer> f : writers) {
                committed += f.get(2, TimeUnit.MINUTES);
            }
            assertTrue(committed > 0, "the writers wrote throughout");
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertEquals(0, retries.get());
        RefreshResult r = trickle.refresh("st_totals", false);
        assertTrue(r.action() == RefreshAction.DIFFERENTIAL || r.action() == RefreshAction.NO_DATA, r.action() + " " + r.reason());
        assertOracle("st_totals", TOTALS);
        assertEquals(0, db.count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrickle_ivm%'"),
                "no IMMEDIATE trigger is left once the table is DIFFERENTIAL");
    }
}
