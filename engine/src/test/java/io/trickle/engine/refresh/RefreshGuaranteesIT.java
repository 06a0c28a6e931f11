package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guarantees of DESIGN §2 for change capture and refresh, one test each, on a real server. */
@Tag("pg15")
class RefreshGuaranteesIT {

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

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    @Test
    void aWriterOpenDuringARefreshIsPickedUpByTheNextOne() throws Exception {
        db.execute("CREATE TABLE w_src (id int PRIMARY KEY, v int)", "INSERT INTO w_src VALUES (1, 10)");
        String q = "SELECT id, v FROM w_src";
        trickle.create(CreateRequest.of("w_st", q).mode(RefreshMode.DIFFERENTIAL));
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("INSERT INTO w_src VALUES (2, 20)");
                st.execute("UPDATE w_src SET v = 11 WHERE id = 1");
            }
            db.execute("INSERT INTO w_src VALUES (3, 30)");
            RefreshResult during = trickle.refresh("w_st");
            assertEquals(RefreshAction.DIFFERENTIAL, during.action());
            assertEquals(1, db.count("SELECT count(*) FROM w_st WHERE id = 3"), "the committed writer is applied");
            assertEquals(0, db.count("SELECT count(*) FROM w_st WHERE id = 2"), "the open writer is not visible yet");
            writer.commit();
        }
        RefreshResult after = trickle.refresh("w_st");
        assertEquals(RefreshAction.DIFFERENTIAL, after.action());
        assertEquals(2, after.rowsInserted(), "row 2 added and row 1 replaced");
        assertEquals(1, after.rowsDeleted());
        assertOracle("w_st", q);
        assertEquals(11, ((Number) db.scalar("SELECT v FROM w_st WHERE id = 1")).intValue());
        assertEquals(RefreshAction.NO_DATA, trickle.refresh("w_st").action(), "nothing is applied twice");
        assertOracle("w_st", q);
    }

    @Test
    void aTruncatedSourceIsRecomputedAndSaysWhy() throws Exception {
        db.execute("CREATE TABLE t_src (id int PRIMARY KEY, g text)", "INSERT INTO t_src SELECT i, 'g' || (i % 3) FROM generate_series(1, 20) i");
        String q = "SELECT g, count(*) AS n FROM t_src GROUP BY g";
        trickle.create(CreateRequest.of("t_st", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("TRUNCATE t_src", "INSERT INTO t_src VALUES (100, 'new')");
        RefreshResult r = trickle.refresh("t_st");
        assertEquals(RefreshAction.FULL, r.action());
        assertTrue(r.reason().contains("truncated") && r.reason().contains("t_src"), r.reason());
        assertOracle("t_st", q);
        db.execute("INSERT INTO t_src VALUES (101, 'new')");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("t_st").action());
        assertOracle("t_st", q);
    }

    @Test
    void oneBufferPerSourceIsSharedAndPrunedOnlyWhenEveryReaderConsumedIt() throws Exception {
        db.execute("CREATE TABLE s_src (id int PRIMARY KEY, v int)", "INSERT INTO s_src VALUES (1, 1)");
        trickle.create(CreateRequest.of("s_a", "SELECT id, v FROM s_src").mode(RefreshMode.DIFFERENTIAL));
        trickle.create(CreateRequest.of("s_b", "SELECT v, count(*) AS n FROM s_src GROUP BY v").mode(RefreshMode.DIFFERENTIAL));
        assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking WHERE source = 's_src'::regclass"));
        String buffer = "pgtrickle_changes." + db.scalar(
                "SELECT buffer_table FROM pgtrickle.pgt_change_tracking WHERE source = 's_src'::regclass");
        db.execute("INSERT INTO s_src VALUES (2, 2)", "UPDATE s_src SET v = 5 WHERE id = 1");
        assertEquals(3, db.count("SELECT count(*) FROM " + buffer));
        trickle.refresh("s_a");
        assertEquals(3, db.count("SELECT count(*) FROM " + buffer), "s_b has not consumed the rows yet");
        trickle.refresh("s_b");
        assertEquals(0, db.count("SELECT count(*) FROM " + buffer), "consumed by every reader: pruned");
        assertOracle("s_a", "SELECT id, v FROM s_src");

        trickle.drop("s_a", false);
        assertEquals(4, db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 's_src'::regclass AND NOT tgisinternal"),
                "s_b still reads s_src: its capture (insert, update, delete, truncate) stays");
        trickle.drop("s_b", false);
        assertEquals(0, db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 's_src'::regclass AND NOT tgisinternal"));
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking WHERE source_name = 's_src'"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'pgtrickle_changes' AND tablename = ?",
                buffer.substring("pgtrickle_changes.".length())));
    }

    @Test
    void rowLevelCaptureIsASettingAndGivesTheSameResults() throws Exception {
        trickle.setSetting("cdc_trigger_mode", "row");
        try {
            db.execute("CREATE TABLE r_src (k text, v int)", "INSERT INTO r_src VALUES ('a', 1), ('a', 1), ('b', 2)");
            String q = "SELECT k, sum(v) AS s, count(*) AS n FROM r_src GROUP BY k";
            trickle.create(CreateRequest.of("r_st", q).mode(RefreshMode.DIFFERENTIAL));
            assertEquals("row", db.scalar("SELECT trigger_mode FROM pgtrickle.pgt_change_tracking WHERE source = 'r_src'::regclass"));
            db.execute("INSERT INTO r_src VALUES ('a', 1)", "DELETE FROM r_src WHERE ctid IN (SELECT ctid FROM r_src WHERE k = 'a' LIMIT 1)",
                    "UPDATE r_src SET k = 'c' WHERE k = 'b'");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("r_st").action());
            assertOracle("r_st", q);
        } finally {
            trickle.resetSetting("cdc_trigger_mode");
        }
    }

    @Test
    void directWritesToAStreamTableAreRefused() {
        db.execute("CREATE TABLE g_src (id int PRIMARY KEY)", "INSERT INTO g_src VALUES (1)");
        trickle.create(CreateRequest.of("g_st", "SELECT id FROM g_src"));
        for (String dml : List.of("INSERT INTO g_st (__pgt_row_id, id) VALUES (1, 2)", "UPDATE g_st SET id = 3",
                "DELETE FROM g_st", "TRUNCATE g_st")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.execute(dml), dml);
            assertTrue(e.getMessage().contains("maintained by Trickle"), e.getMessage());
        }
        assertEquals(1, db.count("SELECT count(*) FROM g_st"));
    }

    @Test
    void aFailedRefreshKeepsItsHistoryRowAndErrorCountAndChangesNothing() throws Exception {
        db.execute("CREATE TABLE f_src (id int PRIMARY KEY, a int, b int)", "INSERT INTO f_src VALUES (1, 10, 2)");
        String q = "SELECT id, a / b AS ratio FROM f_src";
        trickle.create(CreateRequest.of("f_st", q).mode(RefreshMode.DIFFERENTIAL));
        db.execute("INSERT INTO f_src VALUES (2, 1, 0)");
        TrickleException e = assertThrows(TrickleException.class, () -> trickle.refresh("f_st"));
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        HistoryEntry last = trickle.history("f_st", 1).get(0);
        assertEquals("FAILED", last.status());
        assertTrue(last.errorMessage().contains("division by zero"), last.errorMessage());
        assertNotNull(last.endTime());
        assertEquals(1, db.count("SELECT consecutive_errors FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'f_st'"));
        assertEquals(1, db.count("SELECT count(*) FROM f_st"), "the failed refresh changed nothing");
        db.execute("UPDATE f_src SET b = 1 WHERE id = 2");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("f_st").action());
        assertEquals(0, db.count("SELECT consecutive_errors FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'f_st'"));
        assertOracle("f_st", q);
    }

    @Test
    void everyRefreshLeavesAHistoryRowWithARealDuration() {
        db.execute("CREATE TABLE h_src (id int PRIMARY KEY)", "INSERT INTO h_src SELECT generate_series(1, 1000)");
        trickle.create(CreateRequest.of("h_st", "SELECT id FROM h_src"));
        trickle.refresh("h_st");
        db.execute("DELETE FROM h_src WHERE id <= 10");
        RefreshResult r = trickle.refresh("h_st");
        assertEquals(10, r.rowsDeleted());
        List<HistoryEntry> h = trickle.history("h_st", 10);
        assertEquals(List.of("DIFFERENTIAL", "NO_DATA", "FULL"), h.stream().map(HistoryEntry::action).toList());
        assertEquals(List.of(InitiatedBy.MANUAL, InitiatedBy.MANUAL, InitiatedBy.INITIAL),
                h.stream().map(HistoryEntry::initiatedBy).toList());
        for (HistoryEntry e : h) {
            assertEquals("COMPLETED", e.status());
            assertTrue(e.durationMs() != null && e.durationMs() > 0, "duration of " + e);
            assertFalse(e.endTime().isBefore(e.startTime()));
        }
        assertEquals(10, h.get(0).rowsDeleted());
    }

    @Test
    void autoFallsBackToFullWithTheReasonAndDifferentialRefusesNamingTheConstruct() throws Exception {
        db.execute("CREATE TABLE a_src (id int PRIMARY KEY, g int, v int)",
                "INSERT INTO a_src SELECT i, i % 3, i FROM generate_series(1, 30) i");
        // A whole-row reference inside an expression is a construct the differential engine does not follow.
        String whole = "SELECT id, row_to_json(a_src.*)::text AS j FROM a_src";
        TrickleException.InvalidInputException refused = assertThrows(TrickleException.InvalidInputException.class,
                () -> trickle.create(CreateRequest.of("a_diff", whole).mode(RefreshMode.DIFFERENTIAL)));
        assertTrue(refused.getMessage().contains("whole-row reference (a_src.*)"), refused.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = 'a_diff'"));

        var created = trickle.create(CreateRequest.of("a_auto", whole));
        assertEquals(EffectiveMode.FULL, created.effectiveMode());
        assertTrue(created.fallbackReason().contains("whole-row reference"), created.fallbackReason());
        db.execute("UPDATE a_src SET v = 100 - v WHERE id < 5");
        RefreshResult r = trickle.refresh("a_auto");
        assertEquals(RefreshAction.FULL, r.action());
        assertTrue(r.reason().contains("whole-row reference"), r.reason());
        assertOracle("a_auto", whole);
        assertEquals(RefreshAction.NO_DATA, trickle.refresh("a_auto").action());

        TrickleException.InvalidInputException volatileRefused = assertThrows(TrickleException.InvalidInputException.class,
                () -> trickle.create(CreateRequest.of("a_vol", "SELECT id, random() AS r FROM a_src").mode(RefreshMode.DIFFERENTIAL)));
        assertTrue(volatileRefused.getMessage().contains("random()"), volatileRefused.getMessage());
        TrickleException.InvalidInputException unparsed = assertThrows(TrickleException.InvalidInputException.class,
                () -> trickle.create(CreateRequest.of("a_ext", "SELECT id, rank() OVER (w ORDER BY v) FROM a_src WINDOW w AS (PARTITION BY g)").mode(RefreshMode.DIFFERENTIAL)));
        assertTrue(unparsed.getMessage().contains("parser does not know (Encountered: "), unparsed.getMessage());
        assertFalse(unparsed.getMessage().contains("Exception"), "no Java class names: " + unparsed.getMessage());
        var auto = trickle.create(CreateRequest.of("a_vol_auto", "SELECT id, v + random() AS r FROM a_src"));
        assertEquals(EffectiveMode.FULL, auto.effectiveMode());
        assertTrue(auto.fallbackReason().contains("volatile"), auto.fallbackReason());
    }

    @Test
    void autoRefreshesInFullWhenTooMuchChangedButDifferentialNeverDoes() throws Exception {
        db.execute("CREATE TABLE c_src (id int PRIMARY KEY, v int)",
                "INSERT INTO c_src SELECT i, i FROM generate_series(1, 200) i", "ANALYZE c_src");
        trickle.create(CreateRequest.of("c_auto", "SELECT id, v FROM c_src"));
        trickle.create(CreateRequest.of("c_diff", "SELECT id, v FROM c_src").mode(RefreshMode.DIFFERENTIAL));
        db.execute("UPDATE c_src SET v = v + 1 WHERE id <= 100");
        RefreshResult auto = trickle.refresh("c_auto");
        assertEquals(RefreshAction.FULL, auto.action());
        assertTrue(auto.reason().contains("differential_max_change_ratio"), auto.reason());
        assertEquals(100, auto.rowsInserted());
        RefreshResult diff = trickle.refresh("c_diff");
        assertEquals(RefreshAction.DIFFERENTIAL, diff.action());
        assertEquals(100, diff.rowsInserted());
        assertEquals(100, diff.rowsDeleted());
        assertOracle("c_auto", "SELECT id, v FROM c_src");
        assertOracle("c_diff", "SELECT id, v FROM c_src");
    }

    @Test
    void theCreatorsTimeZoneIsStoredAndAppliedToEveryRefresh() throws Exception {
        db.execute("CREATE TABLE z_src (id int PRIMARY KEY, at timestamptz)",
                "INSERT INTO z_src VALUES (1, '2024-06-01 20:00:00+00')");
        String q = "SELECT id, at::date AS day, to_char(at, 'HH24') AS hour FROM z_src";
        // pgJDBC gives every session the client JVM's time zone: a DBA in Tokyo creates in Tokyo time.
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
        try (Trickle inTokyo = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            inTokyo.create(CreateRequest.of("z_st", q).mode(RefreshMode.DIFFERENTIAL));
        } finally {
            java.util.TimeZone.setDefault(before);
        }
        assertEquals("2024-06-02", db.scalar("SELECT day::text FROM z_st WHERE id = 1"));
        db.execute("INSERT INTO z_src VALUES (2, '2024-06-01 16:30:00+00')");
        trickle.refresh("z_st");
        assertEquals("01", db.scalar("SELECT hour FROM z_st WHERE id = 2"), "refreshed in Tokyo time, not the session's");
        assertEquals("Asia/Tokyo", db.scalar("SELECT time_zone FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'z_st'"));
    }

    @Test
    void aStreamTableOverAStreamTableIsMaintainedDifferentially() throws Exception {
        db.execute("CREATE TABLE u_src (id int PRIMARY KEY, g text, v int)",
                "INSERT INTO u_src SELECT i, 'g' || (i % 4), i FROM generate_series(1, 40) i");
        String upper = "SELECT g, sum(v) AS total, count(*) AS n FROM u_src GROUP BY g";
        String lower = "SELECT g, total FROM u_up WHERE n > 5";
        trickle.create(CreateRequest.of("u_up", upper).mode(RefreshMode.DIFFERENTIAL));
        trickle.create(CreateRequest.of("u_down", lower).mode(RefreshMode.DIFFERENTIAL));
        for (int round = 0; round < 4; round++) {
            db.execute("UPDATE u_src SET v = v + 1 WHERE id % 7 = " + round, "DELETE FROM u_src WHERE id = " + (round * 9 + 1),
                    "INSERT INTO u_src VALUES (" + (100 + round) + ", 'g" + round + "', 5)");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("u_up").action());
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("u_down").action());
            assertOracle("u_up", upper);
            assertOracle("u_down", lower);
        }
        assertEquals("STREAM_TABLE", db.scalar("SELECT source_type FROM pgtrickle.pgt_dependencies d"
                + " JOIN pgtrickle.pgt_stream_tables s ON s.pgt_id = d.pgt_id WHERE s.pgt_name = 'u_down'"));
    }
}
