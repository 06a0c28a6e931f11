package io.trickle.engine.scheduler;

import io.trickle.engine.api.CreateRequest;
import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Watermark gating end to end, with the scheduler daemon running in this JVM: ETL jobs load their
 * tables and advance their watermarks in one transaction each, and the stream tables over them
 * refresh only when every group beneath them is aligned. Waits are on conditions with deadlines;
 * "held back" is shown by a SKIP row written after the load, with the table still without the load.
 */
@Tag("pg15")
class WatermarkGatingIT {

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
    void theNightlyReportWaitsForTheSecondLoader() throws Exception {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, day date NOT NULL, customer text NOT NULL)",
                "CREATE TABLE order_lines (id int PRIMARY KEY, order_id int NOT NULL, qty int NOT NULL)");
        engine.createWatermarkGroup("order_pipeline", List.of("orders", "order_lines"), Duration.ZERO);
        loadFirstNight();
        String report = "SELECT o.day, o.id, o.customer, count(l.id) AS lines, coalesce(sum(l.qty), 0) AS qty"
                + " FROM public.orders o LEFT JOIN public.order_lines l ON l.order_id = o.id GROUP BY o.day, o.id, o.customer";
        engine.create(CreateRequest.of("order_report", report).schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            for (int night = 2; night <= 3; night++) {
                long loaded = lastHistoryId();
                etl("INSERT INTO orders SELECT g, DATE '2026-03-01' + " + (night - 1) + ", 'c' || g % 7"
                                + " FROM generate_series(" + (night * 100) + ", " + (night * 100 + 19) + ") g",
                        "SELECT pgtrickle.advance_watermark('orders', DATE '2026-03-01' + " + (night - 1) + ")");
                String reason = awaitSkip("order_report", loaded);
                assertTrue(reason.startsWith("watermark_misaligned: group order_pipeline waits for public.order_lines (at "),
                        reason);
                assertEquals(0, db.count("SELECT count(*) FROM order_report WHERE id >= ?", night * 100),
                        "the report must not show orders whose lines are not loaded yet");
                etl("INSERT INTO order_lines SELECT g, g / 3, 1 + g % 4"
                                + " FROM generate_series(" + (night * 300) + ", " + (night * 300 + 59) + ") g",
                        "SELECT pgtrickle.advance_watermark('order_lines', DATE '2026-03-01' + " + (night - 1) + ")");
                awaitMatches(db, "order_report", report);
                assertEquals(20, db.count("SELECT count(*) FROM order_report WHERE id >= ? AND lines = 3", night * 100));
            }
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'order_report'"
                + " AND status NOT IN ('COMPLETED', 'SKIPPED')"));
        cleanUp(List.of("order_report"), List.of("order_pipeline"));
    }

    /** Night 1's load, both watermarks at 2026-03-01. */
    private static void loadFirstNight() throws SQLException {
        etl("INSERT INTO orders SELECT g, DATE '2026-03-01', 'c' || g % 7 FROM generate_series(1, 20) g",
                "SELECT pgtrickle.advance_watermark('orders', '2026-03-01')");
        etl("INSERT INTO order_lines SELECT g, 1 + g % 20, 1 + g % 4 FROM generate_series(1, 60) g",
                "SELECT pgtrickle.advance_watermark('order_lines', '2026-03-01')");
    }

    @Test
    void microBatchesWithinTheToleranceFlowAndALaggingFeedHoldsTheJoinBack() throws Exception {
        db.execute("CREATE TABLE trades (id int PRIMARY KEY, sym text NOT NULL, qty int NOT NULL)",
                "CREATE TABLE quotes (sym text PRIMARY KEY, price numeric NOT NULL)",
                "INSERT INTO quotes VALUES ('A', 10), ('B', 20)");
        engine.createWatermarkGroup("realtime", List.of("trades", "quotes"), Duration.ofSeconds(5));
        db.execute("SELECT pgtrickle.advance_watermark('trades', '2026-03-01 12:00:05+00')",
                "SELECT pgtrickle.advance_watermark('quotes', '2026-03-01 12:00:02+00')");
        String notional = "SELECT t.id, t.qty * q.price AS notional FROM public.trades t JOIN public.quotes q USING (sym)";
        engine.create(CreateRequest.of("notional", notional).schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            etl("INSERT INTO trades VALUES (1, 'A', 5), (2, 'B', 1)",
                    "SELECT pgtrickle.advance_watermark('trades', '2026-03-01 12:00:07+00')");
            awaitMatches(db, "notional", notional);
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'notional'"
                    + " AND action = 'SKIP'"), "a lag of 5 s is within the tolerance");

            long loaded = lastHistoryId();
            etl("INSERT INTO trades VALUES (3, 'A', 7)",
                    "SELECT pgtrickle.advance_watermark('trades', '2026-03-01 12:00:10+00')");
            String reason = awaitSkip("notional", loaded);
            assertTrue(reason.contains("group realtime waits for public.quotes (at 2026-03-01T12:00:02Z, 8s behind the"
                    + " newest, 2026-03-01T12:00:10Z; tolerance 5s)"), reason);
            assertEquals(0, db.count("SELECT count(*) FROM notional WHERE id = 3"));

            etl("UPDATE quotes SET price = 11 WHERE sym = 'A'",
                    "SELECT pgtrickle.advance_watermark('quotes', '2026-03-01 12:00:05+00')");
            awaitMatches(db, "notional", notional);
            assertEquals(1, db.count("SELECT count(*) FROM notional WHERE id = 3"), "a lag equal to the tolerance is aligned");
        }
        cleanUp(List.of("notional"), List.of("realtime"));
    }

    @Test
    void twoPipelinesDoNotHoldEachOtherBack() throws Exception {
        db.execute("CREATE TABLE sales (id int PRIMARY KEY, store int NOT NULL, amount int NOT NULL)",
                "CREATE TABLE stores (id int PRIMARY KEY, region text NOT NULL)",
                "CREATE TABLE stock (id int PRIMARY KEY, warehouse int NOT NULL, units int NOT NULL)",
                "CREATE TABLE warehouses (id int PRIMARY KEY, region text NOT NULL)",
                "INSERT INTO stores SELECT g, 'r' || g % 2 FROM generate_series(1, 4) g",
                "INSERT INTO warehouses SELECT g, 'r' || g % 2 FROM generate_series(1, 4) g");
        engine.createWatermarkGroup("sales_pipeline", List.of("sales", "stores"), Duration.ZERO);
        engine.createWatermarkGroup("stock_pipeline", List.of("stock", "warehouses"), Duration.ZERO);
        for (String source : List.of("sales", "stores", "stock", "warehouses")) {
            db.execute("SELECT pgtrickle.advance_watermark('" + source + "', '2026-03-01')");
        }
        String byRegion = "SELECT s.region, sum(x.amount) AS amount FROM public.sales x JOIN public.stores s ON s.id = x.store"
                + " GROUP BY s.region";
        String stockByRegion = "SELECT w.region, sum(k.units) AS units FROM public.stock k"
                + " JOIN public.warehouses w ON w.id = k.warehouse GROUP BY w.region";
        String salesAndStock = "SELECT x.id, x.amount, k.units FROM public.sales x JOIN public.stock k ON k.id = x.id";
        engine.create(CreateRequest.of("sales_by_region", byRegion).schedule("1s"));
        engine.create(CreateRequest.of("stock_by_region", stockByRegion).schedule("1s"));
        engine.create(CreateRequest.of("sales_and_stock", salesAndStock).schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            long loaded = lastHistoryId();
            etl("INSERT INTO sales SELECT g, 1 + g % 4, g FROM generate_series(1, 30) g",
                    "SELECT pgtrickle.advance_watermark('sales', '2026-03-02')");
            etl("INSERT INTO stock SELECT g, 1 + g % 4, 2 * g FROM generate_series(1, 30) g",
                    "SELECT pgtrickle.advance_watermark('stock', '2026-03-02')",
                    "SELECT pgtrickle.advance_watermark('warehouses', '2026-03-02')");
            String reason = awaitSkip("sales_by_region", loaded);
            assertTrue(reason.contains("group sales_pipeline waits for public.stores") && !reason.contains("stock_pipeline"),
                    reason);
            awaitMatches(db, "stock_by_region", stockByRegion);
            awaitMatches(db, "sales_and_stock", salesAndStock);
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE action = 'SKIP'"
                    + " AND pgt_name IN ('stock_by_region', 'sales_and_stock')"),
                    "one source of each group beneath sales_and_stock: neither group concerns it");
            assertEquals(0, db.count("SELECT count(*) FROM sales_by_region"), "still without the new sales");

            db.execute("SELECT pgtrickle.advance_watermark('stores', '2026-03-02')");
            awaitMatches(db, "sales_by_region", byRegion);
        }
        cleanUp(List.of("sales_by_region", "stock_by_region", "sales_and_stock"), List.of("sales_pipeline", "stock_pipeline"));
    }

    @Test
    void changesToASourceOutsideTheGroupWaitWithTheGroupAndAreAppliedAfter() throws Exception {
        db.execute("CREATE TABLE payments (id int PRIMARY KEY, ccy text NOT NULL, amount numeric NOT NULL)",
                "CREATE TABLE fx_rates (ccy text PRIMARY KEY, rate numeric NOT NULL)",
                "CREATE TABLE fx_names (ccy text PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO fx_rates VALUES ('EUR', 1.10), ('GBP', 1.30)",
                "INSERT INTO fx_names VALUES ('EUR', 'Euro'), ('GBP', 'Pound')",
                "INSERT INTO payments SELECT g, CASE WHEN g % 2 = 0 THEN 'EUR' ELSE 'GBP' END, g FROM generate_series(1, 10) g");
        engine.createWatermarkGroup("fx_feed", List.of("fx_rates", "fx_names"), Duration.ZERO);
        db.execute("SELECT pgtrickle.advance_watermark('fx_rates', '2026-03-01')",
                "SELECT pgtrickle.advance_watermark('fx_names', '2026-03-01')");
        String converted = "SELECT p.id, p.amount * r.rate AS usd FROM public.payments p JOIN public.fx_rates r USING (ccy)";
        String labelled = "SELECT p.id, n.name, p.amount * r.rate AS usd FROM public.payments p"
                + " JOIN public.fx_rates r USING (ccy) JOIN public.fx_names n USING (ccy)";
        engine.create(CreateRequest.of("payments_usd", converted).schedule("1s"));
        engine.create(CreateRequest.of("payments_labelled", labelled).schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            long loaded = lastHistoryId();
            etl("UPDATE fx_rates SET rate = 1.12 WHERE ccy = 'EUR'",
                    "SELECT pgtrickle.advance_watermark('fx_rates', '2026-03-02')");
            db.execute("INSERT INTO payments SELECT g, 'EUR', g FROM generate_series(11, 15) g");
            String reason = awaitSkip("payments_labelled", loaded);
            assertTrue(reason.contains("group fx_feed waits for public.fx_names"), reason);
            awaitMatches(db, "payments_usd", converted);
            assertEquals(0, db.count("SELECT count(*) FROM payments_labelled WHERE id > 10"),
                    "the application's own payments wait with the feed they are joined to");

            db.execute("SELECT pgtrickle.advance_watermark('fx_names', '2026-03-02')");
            awaitMatches(db, "payments_labelled", labelled);
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'payments_usd'"
                + " AND action = 'SKIP'"), "one member of the group beneath payments_usd: never held back");
        cleanUp(List.of("payments_usd", "payments_labelled"), List.of("fx_feed"));
    }

    @Test
    void aStreamTableOverStreamTablesIsGatedByTheSourcesBeneathThem() throws Exception {
        db.execute("CREATE TABLE visits (id int PRIMARY KEY, page text NOT NULL)",
                "CREATE TABLE clicks (id int PRIMARY KEY, page text NOT NULL)",
                "INSERT INTO visits SELECT g, 'p' || g % 3 FROM generate_series(1, 30) g",
                "INSERT INTO clicks SELECT g, 'p' || g % 3 FROM generate_series(1, 12) g");
        engine.createWatermarkGroup("web", List.of("visits", "clicks"), Duration.ZERO);
        db.execute("SELECT pgtrickle.advance_watermark('visits', '2026-03-01')",
                "SELECT pgtrickle.advance_watermark('clicks', '2026-03-01')");
        String visitsByPage = "SELECT page, count(*) AS visits FROM public.visits GROUP BY page";
        String clicksByPage = "SELECT page, count(*) AS clicks FROM public.clicks GROUP BY page";
        String conversion = "SELECT v.page, v.visits, coalesce(c.clicks, 0) AS clicks FROM public.visits_by_page v"
                + " LEFT JOIN public.clicks_by_page c USING (page)";
        engine.create(CreateRequest.of("visits_by_page", visitsByPage).schedule("1s"));
        engine.create(CreateRequest.of("clicks_by_page", clicksByPage).schedule("1s"));
        engine.create(CreateRequest.of("conversion", conversion).schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            long loaded = lastHistoryId();
            etl("INSERT INTO visits SELECT g, 'p' || g % 3 FROM generate_series(31, 60) g",
                    "SELECT pgtrickle.advance_watermark('visits', '2026-03-02')");
            String reason = awaitSkip("conversion", loaded);
            assertTrue(reason.contains("group web waits for public.clicks"), reason);
            awaitMatches(db, "visits_by_page", visitsByPage);
            assertEquals(30, db.count("SELECT sum(visits) FROM conversion"), "conversion still shows the old visits");

            etl("INSERT INTO clicks SELECT g, 'p' || g % 3 FROM generate_series(13, 20) g",
                    "SELECT pgtrickle.advance_watermark('clicks', '2026-03-02')");
            awaitMatches(db, "clicks_by_page", clicksByPage);
            awaitMatches(db, "conversion", conversion);
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE action = 'SKIP'"
                + " AND pgt_name IN ('visits_by_page', 'clicks_by_page')"), "one member of the group beneath each");
        cleanUp(List.of("conversion", "visits_by_page", "clicks_by_page"), List.of("web"));
    }

    @Test
    void aHeldBackTableGetsOneSkipRowPerDuePeriodNotOnePerTick() throws Exception {
        db.execute("CREATE TABLE ledger (id int PRIMARY KEY, amount int NOT NULL)",
                "CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL)",
                "CREATE TABLE heartbeat (id int PRIMARY KEY)",
                "INSERT INTO ledger SELECT g, g FROM generate_series(1, 10) g",
                "INSERT INTO accounts SELECT g, 'o' || g FROM generate_series(1, 10) g");
        engine.createWatermarkGroup("books", List.of("ledger", "accounts"), Duration.ZERO);
        String balances = "SELECT a.owner, sum(l.amount) AS total FROM public.ledger l JOIN public.accounts a USING (id)"
                + " GROUP BY a.owner";
        engine.create(CreateRequest.of("balances", balances).schedule("1h").withoutPopulating());
        engine.create(CreateRequest.of("heartbeat_copy", "SELECT id FROM public.heartbeat").schedule("1s"));
        try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
            Eventually.await(DEADLINE, () -> skips("balances") == 1, "the never-populated table is held back");
            awaitTicks("heartbeat_copy", 4);
            assertEquals(1, skips("balances"), "an hourly table is held back on every tick but recorded once an hour");
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = 'balances'"
                    + " AND action <> 'SKIP'"));

            db.execute("SELECT pgtrickle.request_refresh('balances')");
            Eventually.await(DEADLINE, () -> skips("balances") == 2, "a request is a period of its own");
            assertEquals("MANUAL", db.scalar("SELECT initiated_by FROM pgtrickle.pgt_refresh_history"
                    + " WHERE pgt_name = 'balances' ORDER BY refresh_id DESC LIMIT 1"));

            db.execute("SELECT pgtrickle.advance_watermark('ledger', '2026-03-01')",
                    "SELECT pgtrickle.advance_watermark('accounts', '2026-03-01')");
            awaitMatches(db, "balances", balances);
            assertEquals(2, skips("balances"));
        }
        cleanUp(List.of("balances", "heartbeat_copy"), List.of("books"));
    }

    // ---------------------------------------------------------------------------------------------

    /** One ETL job: its statements in one transaction, committed together. */
    private static void etl(String... statements) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
            }
            c.commit();
        }
    }

    /** The newest history row's id: rows written later have larger ids. */
    private static long lastHistoryId() {
        return db.count("SELECT coalesce(max(refresh_id), 0) FROM pgtrickle.pgt_refresh_history");
    }

    /** Waits for a SKIP row of {@code table} written after history row {@code after}; returns its reason. */
    private static String awaitSkip(String table, long after) {
        String[] reason = new String[1];
        Eventually.await(DEADLINE, () -> {
            reason[0] = (String) db.scalar("SELECT reason FROM pgtrickle.pgt_refresh_history WHERE pgt_name = ?"
                    + " AND action = 'SKIP' AND status = 'SKIPPED' AND refresh_id > ? ORDER BY refresh_id DESC"
                    + " LIMIT 1", table, after);
            return reason[0] != null;
        }, table + " is held back after the load");
        return reason[0];
    }

    private static long skips(String table) {
        return db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history WHERE pgt_name = ? AND action = 'SKIP'", table);
    }

    /**
     * Waits until the scheduler has moved {@code table}'s last refresh {@code n} times: a clock made of
     * ticks, so that "for a while" means scheduler ticks, not wall time.
     */
    private static void awaitTicks(String table, int n) {
        Set<Object> seen = new HashSet<>();
        seen.add(db.scalar("SELECT last_refresh_at FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", table));
        Eventually.await(DEADLINE, () -> {
            seen.add(db.scalar("SELECT last_refresh_at FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", table));
            return seen.size() > n;
        }, table + " refreshed " + n + " more times");
    }

    private static void cleanUp(List<String> tables, List<String> groups) {
        tables.forEach(t -> engine.drop(t, false));
        groups.forEach(engine::dropWatermarkGroup);
        assertFalse(engine.watermarkGroups().stream().anyMatch(g -> groups.contains(g.name())));
    }
}
