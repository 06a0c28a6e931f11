package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshListener;
import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.ConnectionTarget;
import io.trickle.engine.db.Database;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.StatementLog;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The compiled refresh (issue 13): a refresh's cost follows the change, not the query text — a few
 * round trips, nothing parsed or created on the way — and the same refresh is one call from SQL.
 */
@Tag("pg15")
class CompiledRefreshIT {

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

    /** An engine whose every statement is counted. */
    private static RefreshExecutor counted(StatementLog log) {
        Database database = Database.open(ConnectionTarget.parse(db.jdbcUrl()), Database.PoolOptions.oneShot())
                .decorated(log::wrap);
        return new RefreshExecutor(database, "counted", new PlanCache(), RefreshListener.NONE);
    }

    private static RefreshResult refreshByHand(RefreshExecutor engine, String name) {
        return engine.refresh(engine.lookup(QualifiedName.parse(name)), RefreshRequest.manual(false).notingWatermarks());
    }

    @Test
    void aDifferentialRefreshTakesThreeRoundTripsAndOneWithNothingToDoTakesTwo() throws Exception {
        db.execute("CREATE TABLE rt_src (id int PRIMARY KEY, g int, v numeric)",
                "INSERT INTO rt_src SELECT i, i % 7, i FROM generate_series(1, 500) i",
                "CREATE TABLE rt_dim (g int PRIMARY KEY, label text)",
                "INSERT INTO rt_dim SELECT i, 'g' || i FROM generate_series(0, 6) i");
        String q = "SELECT d.label, count(*) AS n, sum(s.v) AS total FROM rt_src s JOIN rt_dim d ON d.g = s.g GROUP BY d.label";
        trickle.create(CreateRequest.of("rt_st", q));
        StatementLog log = new StatementLog();
        RefreshExecutor engine = counted(log);
        try {
            db.execute("UPDATE rt_src SET v = v + 1 WHERE id % 10 = 0", "DELETE FROM rt_src WHERE id % 25 = 0",
                    "INSERT INTO rt_src SELECT i, i % 7, i FROM generate_series(501, 520) i");
            log.clear();
            RefreshResult differential = refreshByHand(engine, "rt_st");
            assertEquals(RefreshAction.DIFFERENTIAL, differential.action());
            List<String> sent = log.sent();
            assertEquals(3, sent.size(), "read the table, refresh, prune: " + sent);
            assertTrue(sent.stream().noneMatch(s -> s.matches("(?is).*\\b(CREATE|ALTER|DROP|EXPLAIN)\\b.*")),
                    "nothing is derived or created on the way: " + sent);
            assertOracle("rt_st", q);

            log.clear();
            assertEquals(RefreshAction.NO_DATA, refreshByHand(engine, "rt_st").action());
            assertEquals(3, log.sent().size(), "a refresh with nothing to do: read, refresh, prune: " + log.sent());
        } finally {
            closeQuietly(engine);
        }
    }

    @Test
    void noDdlRunsOnTheServerDuringARefresh() throws Exception {
        db.execute("CREATE TABLE ddl_src (id int PRIMARY KEY, v int)",
                "INSERT INTO ddl_src SELECT i, i FROM generate_series(1, 100) i");
        String q = "SELECT id, v FROM ddl_src WHERE v % 2 = 0";
        trickle.create(CreateRequest.of("ddl_st", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("CREATE TABLE ddl_log (tag text)",
                "CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN INSERT INTO ddl_log VALUES (tg_tag); END $$",
                "CREATE EVENT TRIGGER count_ddl ON ddl_command_start EXECUTE FUNCTION log_ddl()");
        try {
            db.execute("UPDATE ddl_src SET v = v + 1 WHERE id < 30", "INSERT INTO ddl_src VALUES (500, 2)");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("ddl_st").action());
            assertEquals(RefreshAction.NO_DATA, trickle.refresh("ddl_st").action());
            db.execute("DELETE FROM ddl_src WHERE id < 10");
            assertEquals(RefreshAction.FULL, trickle.refresh("ddl_st", RefreshOptions.FULL).action());
            assertEquals(List.of(), db.strings("SELECT tag FROM ddl_log"), "no DDL (and no temporary table) per refresh");
        } finally {
            db.execute("DROP EVENT TRIGGER count_ddl", "DROP FUNCTION log_ddl()");
        }
        assertOracle("ddl_st", q);
    }

    @Test
    void sqlCallersRefreshWithTheSameCompiledRefresh() throws Exception {
        db.execute("CREATE TABLE sql_src (id int PRIMARY KEY, g text, v int)",
                "INSERT INTO sql_src SELECT i, 'g' || (i % 3), i FROM generate_series(1, 60) i");
        String q = "SELECT g, sum(v) AS total FROM sql_src GROUP BY g";
        trickle.create(CreateRequest.of("sql_st", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("UPDATE sql_src SET v = v * 2 WHERE id < 20");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT stream_table, action, rows_inserted, rows_deleted FROM pgtrickle.refresh('sql_st')")) {
                rs.next();
                assertEquals("public.sql_st", rs.getString(1));
                assertEquals("DIFFERENTIAL", rs.getString(2));
                assertEquals(3, rs.getLong(3));
            }
            c.commit();
        }
        assertOracle("sql_st", q);
        IllegalStateException readCommitted = assertThrows(IllegalStateException.class,
                () -> db.execute("SELECT * FROM pgtrickle.refresh('sql_st')"));
        assertTrue(readCommitted.getMessage().contains("REPEATABLE READ"), readCommitted.getMessage());

        db.execute("UPDATE pgtrickle.pgt_stream_tables SET compiled_version = NULL WHERE pgt_name = 'sql_st'");
        SQLException uncompiled = assertThrows(SQLException.class, () -> inRepeatableRead("SELECT * FROM pgtrickle.refresh('sql_st')"));
        assertTrue(uncompiled.getMessage().contains("trickle refresh public.sql_st"), uncompiled.getMessage());
        db.execute("UPDATE sql_src SET v = 0 WHERE id = 1");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("sql_st").action(), "the engine compiles it again");
        assertNotNull(db.scalar("SELECT compiled_version FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'sql_st'"));
        assertOracle("sql_st", q);
    }

    @Test
    void aRefreshUnderWayShowsWithItsSession() throws Exception {
        db.execute("CREATE TABLE prog_src (id int PRIMARY KEY)", "INSERT INTO prog_src VALUES (1)");
        trickle.create(CreateRequest.of("prog_st", "SELECT id FROM prog_src").mode(RefreshMode.DIFFERENTIAL));
        long id = db.count("SELECT pgt_id FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'prog_st'");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            int pid;
            try (Statement st = holder.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), pg_advisory_xact_lock(1953655147, " + id + ")")) {
                rs.next();
                pid = rs.getInt(1);
            }
            assertEquals(pid, ((Number) db.scalar("SELECT pid FROM pgtrickle.refreshes_in_progress WHERE pgt_name = 'prog_st'"))
                    .intValue());
            holder.rollback();
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.refreshes_in_progress WHERE pgt_name = 'prog_st'"));
    }

    @Test
    void autoRecomputesAnAggregateWhoseGroupsWouldNearlyAllBeRescanned() throws Exception {
        db.execute("CREATE TABLE sat_src (id int PRIMARY KEY, g int, v int)",
                "INSERT INTO sat_src SELECT i, i % 4, i FROM generate_series(1, 400) i");
        String q = "SELECT g, max(v) AS top, min(v) AS bottom FROM sat_src GROUP BY g";
        trickle.create(CreateRequest.of("sat_auto", q));
        trickle.create(CreateRequest.of("sat_diff", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("ANALYZE sat_auto", "ANALYZE sat_diff");
        db.execute("UPDATE sat_src SET v = v + 1000 WHERE id <= 12");
        RefreshResult auto = trickle.refresh("sat_auto");
        assertEquals(RefreshAction.FULL, auto.action());
        assertTrue(auto.reason().contains("groups"), auto.reason());
        assertEquals("AGGREGATE_SATURATION", db.scalar("SELECT reason_code FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'sat_auto' ORDER BY refresh_id DESC LIMIT 1"));
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("sat_diff").action(), "explicit DIFFERENTIAL keeps its promise");
        assertOracle("sat_auto", q);
        assertOracle("sat_diff", q);
        db.execute("UPDATE sat_src SET v = v + 1 WHERE id = 7");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("sat_auto").action(), "one group touched");
        assertOracle("sat_auto", q);
    }

    @Test
    void theHistorySaysWhyInACode() throws Exception {
        db.execute("CREATE TABLE code_src (id int PRIMARY KEY, v int)", "INSERT INTO code_src VALUES (1, 1)");
        trickle.create(CreateRequest.of("code_st", "SELECT id, v FROM code_src").mode(RefreshMode.DIFFERENTIAL));
        db.execute("TRUNCATE code_src");
        assertEquals(RefreshAction.FULL, trickle.refresh("code_st").action());
        assertEquals(RefreshAction.FULL, trickle.refresh("code_st", RefreshOptions.FULL).action());
        assertEquals(List.of("REQUESTED_FULL", "SOURCE_TRUNCATED"), db.strings("SELECT reason_code FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_name = 'code_st' AND initiated_by = 'MANUAL' ORDER BY refresh_id DESC"));
    }

    private static void inRepeatableRead(String sql) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    private static void closeQuietly(RefreshExecutor engine) {
        engine.database().close();
    }
}
