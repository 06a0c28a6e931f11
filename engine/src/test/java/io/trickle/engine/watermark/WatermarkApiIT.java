package io.trickle.engine.watermark;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watermark calls of the Java API (the facade the desktop and the command line use), and
 * watermark gating of refreshes by hand: overridden by default and said so, respected on request.
 */
@Tag("pg15")
class WatermarkApiIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00Z");

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL)",
                "CREATE TABLE order_lines (id int PRIMARY KEY, order_id int NOT NULL, qty int NOT NULL)",
                "CREATE TABLE \"Fx Rates\" (ccy text PRIMARY KEY, rate numeric NOT NULL)",
                "CREATE VIEW order_view AS SELECT id FROM orders",
                "INSERT INTO orders SELECT g, 'c' || g % 3 FROM generate_series(1, 20) g",
                "INSERT INTO order_lines SELECT g, 1 + g % 20, g % 4 FROM generate_series(1, 50) g",
                "INSERT INTO \"Fx Rates\" VALUES ('EUR', 1.1), ('GBP', 1.3)");
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    @Test
    void advanceCreateStatusAndDropRoundTripThroughTheApi() {
        WatermarkGroup g = trickle.createWatermarkGroup("api_pipeline", List.of("orders", "public.\"Fx Rates\""),
                Duration.ofSeconds(90).plusMillis(500));
        assertEquals(new WatermarkGroup("api_pipeline", List.of("public.orders", "public.\"Fx Rates\""),
                Duration.ofMillis(90_500), g.createdAt()), g);
        assertTrue(trickle.watermarkGroups().contains(g));

        trickle.advanceWatermark("orders", MARCH_1);
        trickle.advanceWatermark("\"Fx Rates\"", MARCH_1.plusSeconds(60));
        WatermarkInfo orders = trickle.watermarks().stream().filter(w -> w.sourceTable().equals("public.orders"))
                .findFirst().orElseThrow();
        assertEquals(MARCH_1, orders.watermark());
        assertEquals("public", orders.schemaName());
        assertTrue(orders.walLsn().matches("[0-9A-F]+/[0-9A-F]+"), orders.walLsn());
        assertEquals(db.scalar("SELECT current_user"), orders.advancedBy());

        WatermarkGroupStatus s = status("api_pipeline");
        assertEquals(new WatermarkGroupStatus("api_pipeline", MARCH_1, MARCH_1.plusSeconds(60), Duration.ofSeconds(60),
                true, 2, 2), s);
        trickle.advanceWatermark("orders", MARCH_1.plusSeconds(60));
        trickle.advanceWatermark("orders", MARCH_2);
        assertFalse(status("api_pipeline").aligned(), "a day apart, 90.5 s allowed");
        trickle.dropWatermarkGroup("api_pipeline");
        assertTrue(trickle.watermarkStatus().stream().noneMatch(x -> x.name().equals("api_pipeline")));
    }

    @Test
    void badInputIsRefusedNamingTheProblemAndLeavesNothingBehind() {
        db.execute("CREATE TABLE bad_a (id int)", "CREATE TABLE bad_b (id int)");
        trickle.advanceWatermark("bad_a", MARCH_2);
        trickle.createWatermarkGroup("bad_existing", List.of("bad_a", "bad_b"), Duration.ZERO);
        long before = footprint();
        refused(InvalidInputException.class, "cannot move the watermark of public.bad_a backward: current 2026-03-02",
                () -> trickle.advanceWatermark("bad_a", MARCH_1));
        refused(NotFoundException.class, "relation public.no_such_table does not exist",
                () -> trickle.advanceWatermark("no_such_table", MARCH_1));
        refused(InvalidInputException.class, "no source table given", () -> trickle.advanceWatermark(" ", MARCH_1));
        refused(InvalidInputException.class, "invalid name", () -> trickle.advanceWatermark("a.b.c", MARCH_1));
        refused(InvalidInputException.class, "public.order_view is a view",
                () -> trickle.advanceWatermark("order_view", MARCH_1));
        refused(InvalidInputException.class, "the new watermark must not be NULL",
                () -> trickle.advanceWatermark("bad_b", null));
        refused(InvalidInputException.class, "it needs at least two sources, got only public.bad_a",
                () -> trickle.createWatermarkGroup("bad1", List.of("bad_a"), Duration.ZERO));
        refused(InvalidInputException.class, "public.bad_a is listed twice",
                () -> trickle.createWatermarkGroup("bad2", List.of("bad_a", "public.BAD_A"), Duration.ZERO));
        refused(NotFoundException.class, "cannot create watermark group bad3: relation public.nope does not exist",
                () -> trickle.createWatermarkGroup("bad3", List.of("bad_a", "nope"), Duration.ZERO));
        refused(InvalidInputException.class, "the tolerance must not be negative",
                () -> trickle.createWatermarkGroup("bad4", List.of("bad_a", "bad_b"), Duration.ofSeconds(-1)));
        refused(InvalidInputException.class, "the tolerance must not be NULL",
                () -> trickle.createWatermarkGroup("bad5", List.of("bad_a", "bad_b"), null));
        refused(InvalidInputException.class, "source 2 of the list is empty",
                () -> trickle.createWatermarkGroup("bad6", Arrays.asList("bad_a", null), Duration.ZERO));
        refused(InvalidInputException.class, "the sources must not be null",
                () -> trickle.createWatermarkGroup("bad7", null, Duration.ZERO));
        refused(InvalidInputException.class, "without a name",
                () -> trickle.createWatermarkGroup("", List.of("bad_a", "bad_b"), Duration.ZERO));
        refused(InvalidInputException.class, "cannot create watermark group bad_existing: it already exists",
                () -> trickle.createWatermarkGroup("bad_existing", List.of("bad_a", "bad_b"), Duration.ZERO));
        refused(NotFoundException.class, "cannot drop watermark group no_such_group: it does not exist",
                () -> trickle.dropWatermarkGroup("no_such_group"));
        assertEquals(before, footprint(), "refusals leave nothing behind");
        trickle.dropWatermarkGroup("bad_existing");
    }

    @Test
    void aManualRefreshOverridesAMisalignedGroupAndSaysSo() throws Exception {
        String report = "SELECT o.id, o.customer, count(l.id) AS lines, coalesce(sum(l.qty), 0) AS qty"
                + " FROM public.orders o LEFT JOIN public.order_lines l ON l.order_id = o.id GROUP BY o.id, o.customer";
        trickle.create(CreateRequest.of("order_report", report).schedule("1h"));
        trickle.createWatermarkGroup("nightly", List.of("orders", "order_lines"), Duration.ZERO);
        db.execute("INSERT INTO orders VALUES (101, 'c1')");

        RefreshResult respected = trickle.refresh("order_report", new RefreshOptions(false, true));
        assertEquals(RefreshAction.SKIP, respected.action());
        assertEquals("watermark_misaligned: group nightly waits for public.order_lines, public.orders"
                + " (no watermark yet; 0 of 2 sources reported)", respected.reason());
        HistoryEntry skip = trickle.history("order_report", 1).get(0);
        assertEquals(List.of("SKIP", "SKIPPED", "MANUAL", respected.reason()),
                List.of(skip.action(), skip.status(), skip.initiatedBy().name(), skip.reason()));
        assertEquals(0, db.count("SELECT count(*) FROM order_report WHERE id = 101"), "nothing was refreshed");

        RefreshResult overridden = trickle.refresh("order_report");
        assertNotEquals(RefreshAction.SKIP, overridden.action());
        assertTrue(overridden.reason().contains("overrode watermark gating: watermark_misaligned: group nightly"),
                overridden.reason());
        assertEquals(overridden.reason(), trickle.history("order_report", 1).get(0).reason(), "the history says so too");
        assertOracle("order_report", report);

        trickle.advanceWatermark("orders", MARCH_1);
        trickle.advanceWatermark("order_lines", MARCH_1);
        db.execute("INSERT INTO orders VALUES (102, 'c2')");
        RefreshResult aligned = trickle.refresh("order_report", new RefreshOptions(false, true));
        assertNotEquals(RefreshAction.SKIP, aligned.action());
        assertTrue(aligned.reason() == null || !aligned.reason().contains("watermark"), "nothing to override");
        assertOracle("order_report", report);
        trickle.dropWatermarkGroup("nightly");
        trickle.drop("order_report", false);
    }

    @Test
    void aGroupConcernsATableOnlyWithTwoOfItsSourcesBeneathItThroughStreamTables() throws Exception {
        db.execute("CREATE TABLE fx (ccy text PRIMARY KEY, rate numeric)", "CREATE TABLE fx_meta (ccy text PRIMARY KEY, name text)",
                "CREATE TABLE trades (id int PRIMARY KEY, ccy text, amount numeric)",
                "INSERT INTO fx VALUES ('EUR', 1.1)", "INSERT INTO fx_meta VALUES ('EUR', 'Euro')",
                "INSERT INTO trades VALUES (1, 'EUR', 10)");
        trickle.createWatermarkGroup("fx_feed", List.of("fx", "fx_meta"), Duration.ZERO);
        trickle.advanceWatermark("fx", MARCH_2);
        trickle.advanceWatermark("fx_meta", MARCH_1);
        trickle.create(CreateRequest.of("trades_fx", "SELECT t.id, t.amount * f.rate AS amount FROM public.trades t JOIN public.fx f USING (ccy)").schedule("1h"));
        trickle.create(CreateRequest.of("fx_named", "SELECT f.ccy, f.rate, m.name FROM public.fx f JOIN public.fx_meta m USING (ccy)").schedule("1h"));
        trickle.create(CreateRequest.of("fx_summary", "SELECT count(*) AS n FROM public.fx").schedule("1h"));
        trickle.create(CreateRequest.of("fx_meta_summary", "SELECT count(*) AS n FROM public.fx_meta").schedule("1h"));
        trickle.create(CreateRequest.of("fx_both", "SELECT a.n AS rates, b.n AS names FROM public.fx_summary a CROSS JOIN public.fx_meta_summary b").schedule("1h"));

        assertEquals(RefreshAction.NO_DATA, trickle.refresh("trades_fx", new RefreshOptions(false, true)).action(),
                "one member of the group beneath it: the group does not concern it");
        assertEquals(RefreshAction.NO_DATA, trickle.refresh("fx_summary", new RefreshOptions(false, true)).action());
        RefreshResult named = trickle.refresh("fx_named", new RefreshOptions(false, true));
        assertEquals(RefreshAction.SKIP, named.action());
        assertTrue(named.reason().contains("group fx_feed waits for public.fx_meta (at 2026-03-01T00:00:00Z, 1d behind"
                + " the newest, 2026-03-02T00:00:00Z; tolerance 0s)"), named.reason());
        RefreshResult both = trickle.refresh("fx_both", new RefreshOptions(false, true));
        assertEquals(RefreshAction.SKIP, both.action(), "fx and fx_meta are beneath it, through two stream tables");
        assertEquals(named.reason(), both.reason());

        trickle.advanceWatermark("fx_meta", MARCH_2);
        assertEquals(RefreshAction.NO_DATA, trickle.refresh("fx_both", new RefreshOptions(false, true)).action());
        for (String t : List.of("fx_both", "fx_meta_summary", "fx_summary", "fx_named", "trades_fx")) {
            trickle.drop(t, false);
        }
        trickle.dropWatermarkGroup("fx_feed");
    }

    @Test
    void aCatalogThatPredatesWatermarksIsNamedAndStreamTablesWaitForItsUpgrade() throws Exception {
        TestDatabase older = TestDatabase.perClass().create("t_watermark_old_" + System.nanoTime() % 100000);
        try {
            Flyway.configure().dataSource(older.jdbcUrl(), null, null).locations("classpath:db/migration/pgtrickle")
                    .schemas("pgtrickle").defaultSchema("pgtrickle").createSchemas(true).table("pgt_schema_history")
                    .target("0.6.1").load().migrate();
            older.execute("CREATE TABLE src (id int PRIMARY KEY)", "INSERT INTO src VALUES (1)");
            try (Trickle old = Trickle.open(EngineOptions.forUrl(older.jdbcUrl()))) {
                refused(InvalidInputException.class, "is version 0.6.1; this engine creates, alters and refreshes stream tables"
                        + " in catalogs from 0.7.0.5 on", () -> old.create(CreateRequest.of("src_copy", "SELECT id FROM public.src").schedule("1h")));
                assertEquals(0, older.count("SELECT count(*) FROM pg_class WHERE relname = 'src_copy'"), "nothing was created");
                ActionFailedException e = assertThrows(ActionFailedException.class, old::watermarkStatus);
                assertTrue(e.getMessage().contains("predates watermarks; upgrade it with 'trickle install'"), e.getMessage());
                old.install();
                old.create(CreateRequest.of("src_copy", "SELECT id FROM public.src").schedule("1h"));
                assertEquals(RefreshAction.NO_DATA, old.refresh("src_copy", new RefreshOptions(false, true)).action(), "no group holds it back");
            }
        } finally {
            older.drop();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static WatermarkGroupStatus status(String group) {
        return trickle.watermarkStatus().stream().filter(s -> s.name().equals(group)).findFirst().orElseThrow();
    }

    private static long footprint() {
        return db.count("SELECT (SELECT count(*) FROM pgtrickle.pgt_watermark_groups)"
                + " + (SELECT count(*) FROM pgtrickle.pgt_watermarks)"
                + " + (SELECT coalesce(sum(extract(epoch FROM watermark)), 0)::bigint FROM pgtrickle.pgt_watermarks)");
    }

    private static void refused(Class<? extends InvalidInputException> type, String expected, Executable call) {
        InvalidInputException e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static void assertOracle(String table, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", table, query);
        }
    }
}
