package io.trickle.engine.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;

/**
 * The watermark SQL API as ETL jobs and DBAs call it (DESIGN §5): monotonic advances, groups, the
 * introspection functions with exactly their contract columns, the alignment rule, and a clear
 * error for every bad argument — each leaving the catalog as it was.
 */
@Tag("pg15")
class WatermarkSqlIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void install() {
        try (Trickle t = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            t.install();
        }
        db.execute("CREATE TABLE orders (id int PRIMARY KEY)", "CREATE TABLE order_lines (id int PRIMARY KEY)",
                "CREATE TABLE \"Odd \"\"Name\"\"\" (id int)", "CREATE VIEW order_view AS SELECT id FROM orders",
                "CREATE SEQUENCE order_seq", "CREATE TABLE dropped_later (id int)",
                "CREATE TABLE ticks_a (id int)", "CREATE TABLE ticks_b (id int)", "CREATE TABLE ticks_c (id int)");
    }

    @Test
    void aWatermarkOnlyMovesForwardAndTheSameValueChangesNothing() throws Exception {
        db.execute("SELECT pgtrickle.advance_watermark('orders', '2026-03-01 12:00+00')");
        List<Object> first = db.rows("SELECT watermark, updated_at, advanced_by, wal_lsn FROM pgtrickle.watermarks()"
                + " WHERE source_table = 'public.orders'").get(0);
        assertNotNull(first.get(3), "the WAL position is recorded");
        assertEquals(db.scalar("SELECT current_user"), first.get(2));

        db.execute("SELECT pgtrickle.advance_watermark('orders', '2026-03-01 12:00+00')");
        assertEquals(first, db.rows("SELECT watermark, updated_at, advanced_by, wal_lsn FROM pgtrickle.watermarks()"
                + " WHERE source_table = 'public.orders'").get(0), "the same value again changes nothing");

        String backward = error("SELECT pgtrickle.advance_watermark('orders', '2026-03-01 11:00+00')");
        assertTrue(backward.contains("public.orders") && backward.contains("backward"), backward);
        assertTrue(backward.contains("current 2026-03-01 12:00:00+00") && backward.contains("attempted 2026-03-01 11:00:00+00"),
                backward);

        db.execute("SELECT pgtrickle.advance_watermark('public.orders'::regclass, '2026-03-01 13:00+00')");
        assertEquals("2026-03-01 13:00:00+00", db.scalar("SELECT watermark::text FROM pgtrickle.pgt_watermarks"
                + " WHERE source = 'orders'::regclass"));
        assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks WHERE source = 'orders'::regclass"));
    }

    @Test
    void anAdvanceWakesListenersAtCommitAndAnUnchangedOneDoesNot() throws Exception {
        try (Connection listener = db.connect(); Connection etl = db.connect()) {
            try (Statement st = listener.createStatement()) {
                st.execute("LISTEN pgtrickle_watermark");
            }
            etl.setAutoCommit(false);
            try (Statement st = etl.createStatement()) {
                st.execute("INSERT INTO order_lines VALUES (1)");
                st.execute("SELECT pgtrickle.advance_watermark('order_lines', '2026-03-01')");
                assertEquals(0, notifications(listener, 200).size(), "nothing is announced before COMMIT");
                assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks WHERE source = 'order_lines'::regclass"),
                        "the advance belongs to the loading transaction");
                etl.commit();
            }
            List<PGNotification> got = notifications(listener, 5_000);
            assertEquals(1, got.size());
            assertTrue(got.get(0).getParameter().contains("\"source\" : \"public.order_lines\""), got.get(0).getParameter());
            try (Statement st = etl.createStatement()) {
                st.execute("SELECT pgtrickle.advance_watermark('order_lines', '2026-03-01')");
                etl.commit();
            }
            assertEquals(0, notifications(listener, 300).size(), "an unchanged watermark wakes nobody");
        }
    }

    @Test
    void badArgumentsToAdvanceAreRefusedClearly() {
        long before = db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks");
        Map<String, String> cases = Map.of(
                "SELECT pgtrickle.advance_watermark(NULL, now())", "the source must not be NULL",
                "SELECT pgtrickle.advance_watermark('orders', NULL)", "the new watermark must not be NULL",
                "SELECT pgtrickle.advance_watermark('no_such_table', now())", "relation \"no_such_table\" does not exist",
                "SELECT pgtrickle.advance_watermark(4242424242::oid::regclass, now())", "relation with OID 4242424242 does not exist",
                "SELECT pgtrickle.advance_watermark('order_view', now())", "public.order_view is a view, not a table",
                "SELECT pgtrickle.advance_watermark('order_seq', now())", "public.order_seq is a sequence, not a table",
                "SELECT pgtrickle.advance_watermark('orders', 'infinity')", "must be a finite timestamp");
        cases.forEach((sql, expected) -> {
            String message = error(sql);
            assertTrue(message.contains(expected), sql + " -> " + message);
        });
        assertEquals(before, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks"));
    }

    @Test
    void groupsNeedTwoDistinctExistingSourcesAToleranceOfZeroOrMoreAndANewName() {
        db.execute("SELECT pgtrickle.create_watermark_group('pipeline', ARRAY['orders', 'order_lines']::regclass[])",
                "SELECT pgtrickle.create_watermark_group('odd', ARRAY['orders', '\"Odd \"\"Name\"\"\"']::regclass[], '90 seconds')");
        assertEquals(List.of(List.of("odd", "{orders,\"\\\"Odd \\\"\\\"Name\\\"\\\"\\\"\"}", "00:01:30"),
                        List.of("pipeline", "{orders,order_lines}", "00:00:00")),
                db.rows("SELECT group_name, sources::text, tolerance::text FROM pgtrickle.watermark_groups()"));
        long before = db.count("SELECT count(*) FROM pgtrickle.pgt_watermark_groups");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders']::regclass[])", "at least two sources, got only public.orders");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY[]::regclass[])", "at least two sources, got none");
        cases.put("SELECT pgtrickle.create_watermark_group('g', NULL)", "the sources must not be NULL");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', NULL]::regclass[])", "source 2 of the list is NULL");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 'orders']::regclass[])", "public.orders is listed twice");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 'no_such_table']::regclass[])",
                "relation \"no_such_table\" does not exist");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 4242424242::oid::regclass])",
                "relation with OID 4242424242 does not exist");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 'order_view']::regclass[])", "is a view");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 'order_lines']::regclass[], '-5 seconds')",
                "the tolerance must not be negative, got -00:00:05");
        cases.put("SELECT pgtrickle.create_watermark_group('g', ARRAY['orders', 'order_lines']::regclass[], NULL)",
                "the tolerance must not be NULL");
        cases.put("SELECT pgtrickle.create_watermark_group(NULL, ARRAY['orders', 'order_lines']::regclass[])", "without a name");
        cases.put("SELECT pgtrickle.create_watermark_group('  ', ARRAY['orders', 'order_lines']::regclass[])", "without a name");
        cases.put("SELECT pgtrickle.create_watermark_group('pipeline', ARRAY['orders', 'order_lines']::regclass[])",
                "cannot create watermark group pipeline: it already exists");
        cases.put("SELECT pgtrickle.drop_watermark_group('no_such_group')", "cannot drop watermark group no_such_group: it does not exist");
        cases.put("SELECT pgtrickle.drop_watermark_group(NULL)", "without a name");
        cases.forEach((sql, expected) -> {
            String message = error(sql);
            assertTrue(message.contains(expected), sql + " -> " + message);
        });
        assertEquals(before, db.count("SELECT count(*) FROM pgtrickle.pgt_watermark_groups"), "refusals leave nothing");
        db.execute("SELECT pgtrickle.drop_watermark_group('odd')", "SELECT pgtrickle.drop_watermark_group('pipeline')");
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.watermark_groups()"));
    }

    @Test
    void aGroupIsAlignedOnlyWhenEverySourceReportedWithinTheToleranceInclusive() {
        db.execute("SELECT pgtrickle.create_watermark_group('ticks', ARRAY['ticks_a', 'ticks_b']::regclass[], '5 seconds')");
        assertEquals(List.of(Arrays.asList(false, null, null, null, 0, 2)), status("ticks"), "nobody reported yet: lagging");
        db.execute("SELECT pgtrickle.advance_watermark('ticks_a', '2026-03-01 12:00:05+00')");
        assertEquals(List.of(Arrays.asList(false, "2026-03-01 12:00:05+00", "2026-03-01 12:00:05+00", "00:00:00", 1, 2)),
                status("ticks"), "a source without a watermark lags, whatever the others say");
        assertEquals("{public.ticks_b}", lagging("ticks"));
        db.execute("SELECT pgtrickle.advance_watermark('ticks_b', '2026-03-01 12:00:02+00')");
        assertEquals(List.of(Arrays.asList(true, "2026-03-01 12:00:02+00", "2026-03-01 12:00:05+00", "00:00:03", 2, 2)),
                status("ticks"));
        assertEquals("{}", lagging("ticks"));
        db.execute("SELECT pgtrickle.advance_watermark('ticks_a', '2026-03-01 12:00:10+00')");
        assertEquals(false, status("ticks").get(0).get(0), "lag 8 s over a tolerance of 5 s");
        assertEquals("{public.ticks_b}", lagging("ticks"));
        db.execute("SELECT pgtrickle.advance_watermark('ticks_b', '2026-03-01 12:00:05+00')");
        assertEquals(List.of(Arrays.asList(true, "2026-03-01 12:00:05+00", "2026-03-01 12:00:10+00", "00:00:05", 2, 2)),
                status("ticks"), "a lag equal to the tolerance is aligned");
        db.execute("SELECT pgtrickle.drop_watermark_group('ticks')");
    }

    @Test
    void aDroppedSourceKeepsItsGroupMisalignedAndNamesIt() {
        db.execute("SELECT pgtrickle.create_watermark_group('shrinking', ARRAY['ticks_c', 'dropped_later']::regclass[])",
                "SELECT pgtrickle.advance_watermark('ticks_c', '2026-03-01')",
                "SELECT pgtrickle.advance_watermark('dropped_later', '2026-03-01')");
        assertEquals(true, status("shrinking").get(0).get(0));
        long oid = db.count("SELECT 'dropped_later'::regclass::oid");
        db.execute("DROP TABLE dropped_later");
        assertEquals(Arrays.asList(false, "2026-03-01 00:00:00+00", "2026-03-01 00:00:00+00", "00:00:00", 1, 2),
                status("shrinking").get(0));
        assertEquals("{\"dropped relation " + oid + "\"}", lagging("shrinking"));
        assertTrue(db.strings("SELECT source_table FROM pgtrickle.watermarks()").stream().noneMatch(s -> s.contains("dropped")));
        db.execute("SELECT pgtrickle.drop_watermark_group('shrinking')");
    }

    @Test
    void theIntrospectionFunctionsHaveExactlyTheContractColumns() throws Exception {
        assertEquals(List.of("source_table:text", "schema_name:text", "watermark:timestamptz", "updated_at:timestamptz",
                "advanced_by:text", "wal_lsn:pg_lsn"), columns("SELECT * FROM pgtrickle.watermarks()"));
        assertEquals(List.of("group_name:text", "sources:_regclass", "tolerance:interval", "created_at:timestamptz"),
                columns("SELECT * FROM pgtrickle.watermark_groups()"));
        assertEquals(List.of("group_name:text", "min_watermark:timestamptz", "max_watermark:timestamptz", "lag:interval",
                "aligned:bool", "sources_with_watermark:int4", "sources_total:int4"),
                columns("SELECT * FROM pgtrickle.watermark_status()"));
        assertEquals(List.of("source:regclass", "watermark:timestamptz", "updated_at:timestamptz", "advanced_by:name",
                "wal_lsn:pg_lsn"), columns("SELECT * FROM pgtrickle.pgt_watermarks"));
        assertEquals(List.of("group_name:text", "sources:_regclass", "tolerance:interval", "created_at:timestamptz"),
                columns("SELECT * FROM pgtrickle.pgt_watermark_groups"));
        db.execute("SELECT pgtrickle.advance_watermark('\"Odd \"\"Name\"\"\"', '2026-01-01')");
        assertTrue(db.strings("SELECT source_table FROM pgtrickle.watermarks()").contains("public.\"Odd \"\"Name\"\"\""));
    }

    @Test
    void anEtlRoleNeedsOnlyTheCatalogSchemaAndTheRightToWriteItsSource() throws Exception {
        db.execute("CREATE TABLE etl_target (id int)");
        String url = db.createPlainRole("trickle_etl_loader", "pw-etl-loader", false);
        // The README's grants (issue 18): no privilege on the watermark table itself.
        db.execute("GRANT USAGE ON SCHEMA pgtrickle TO trickle_etl_loader",
                "GRANT INSERT ON public.etl_target TO trickle_etl_loader");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT pgtrickle.advance_watermark('public.etl_target', '2026-03-01')");
            st.execute("SELECT pgtrickle.advance_watermark('public.etl_target', '2026-03-02')");
        }
        assertEquals(List.of("trickle_etl_loader", "2026-03-02 00:00:00+00"), db.rows("SELECT advanced_by, watermark::text"
                + " FROM pgtrickle.watermarks() WHERE source_table = 'public.etl_target'").get(0));
    }

    // ---------------------------------------------------------------------------------------------

    private static List<List<Object>> status(String group) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : db.rows("SELECT aligned, min_watermark::text, max_watermark::text, lag::text,"
                + " sources_with_watermark, sources_total FROM pgtrickle.watermark_status() WHERE group_name = ?", group)) {
            out.add(row);
        }
        return out;
    }

    private static String lagging(String group) {
        return (String) db.scalar("SELECT lagging_sources::text FROM pgtrickle.watermark_alignment() WHERE group_name = ?",
                group);
    }

    /** The server's message for a statement that must fail. */
    private static String error(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (PSQLException e) {
            assertNotNull(e.getServerErrorMessage());
            return e.getServerErrorMessage().getMessage();
        } catch (SQLException e) {
            fail(sql + " failed without a server message: " + e);
        }
        fail(sql + " was accepted");
        return null;
    }

    private static List<String> columns(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnName(i) + ":" + md.getColumnTypeName(i));
            }
        }
        return out;
    }

    private static List<PGNotification> notifications(Connection listener, int millis) throws SQLException {
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(millis);
        List<PGNotification> out = new ArrayList<>();
        if (got != null) {
            out.addAll(List.of(got));
        }
        assertFalse(out.stream().anyMatch(n -> !n.getName().equals("pgtrickle_watermark")));
        return out;
    }
}
