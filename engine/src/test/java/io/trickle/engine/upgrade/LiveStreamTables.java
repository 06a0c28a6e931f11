package io.trickle.engine.upgrade;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.oracle.Oracle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream tables of every kind a catalog version supports, over live sources, for tests that carry a
 * database through an upgrade or a dump and restore: a differential aggregate, a FULL join, a
 * stream table over a stream table, a watermark group over the sources (catalog 0.7.0.1 on) and a
 * cycle refreshed to a fixpoint (0.7.0.2 on).
 */
final class LiveStreamTables {

    /** A stream table, its query, and what its next refresh after a change must be. */
    record Table(String name, String query, RefreshAction afterChange) {
    }

    static final String WATERMARK_GROUP = "orders_feed";

    private final String jdbcUrl;
    private final String schedule;
    private final List<Table> tables = new ArrayList<>();
    private final boolean watermarks;
    private final boolean cycle;
    private int round;

    private LiveStreamTables(String jdbcUrl, String catalogVersion, String schedule) {
        this(jdbcUrl, CatalogCompatibility.compare(catalogVersion, "0.7.0.1") >= 0,
                CatalogCompatibility.compare(catalogVersion, "0.7.0.2") >= 0, schedule);
    }

    private LiveStreamTables(String jdbcUrl, boolean watermarks, boolean cycle, String schedule) {
        this.jdbcUrl = jdbcUrl;
        this.schedule = schedule;
        this.watermarks = watermarks;
        this.cycle = cycle;
    }

    /**
     * What creating the tables takes, from whichever engine does it: this build's API, or an older
     * release's command line (OldEngineIT).
     */
    interface Lifecycle {
        void create(String name, String query, String schedule, String mode);

        void alter(String name, String query);

        void setSetting(String key, String value);

        void createWatermarkGroup(String name, List<String> sources, Duration tolerance);

        void advanceWatermark(String source, Instant watermark);

        void refresh(String name);

        static Lifecycle of(Trickle trickle) {
            return new Lifecycle() {
                @Override
                public void create(String name, String query, String schedule, String mode) {
                    trickle.create(CreateRequest.of(name, query).schedule(schedule).mode(RefreshMode.parse(mode)));
                }

                @Override
                public void alter(String name, String query) {
                    trickle.alter(AlterRequest.of(name).query(query));
                }

                @Override
                public void setSetting(String key, String value) {
                    trickle.setSetting(key, value);
                }

                @Override
                public void createWatermarkGroup(String name, List<String> sources, Duration tolerance) {
                    trickle.createWatermarkGroup(name, sources, tolerance);
                }

                @Override
                public void advanceWatermark(String source, Instant watermark) {
                    trickle.advanceWatermark(source, watermark);
                }

                @Override
                public void refresh(String name) {
                    trickle.refresh(name);
                }
            };
        }
    }

    /** Creates the sources and the stream tables that a catalog of {@code catalogVersion} supports, populated. */
    static LiveStreamTables create(Trickle trickle, String jdbcUrl, String catalogVersion) {
        return create(Lifecycle.of(trickle), jdbcUrl, catalogVersion, "1h");
    }

    /** As {@link #create(Trickle, String, String)}, every table on {@code schedule}. */
    static LiveStreamTables create(Trickle trickle, String jdbcUrl, String catalogVersion, String schedule) {
        return create(Lifecycle.of(trickle), jdbcUrl, catalogVersion, schedule);
    }

    static LiveStreamTables create(Lifecycle engine, String jdbcUrl, String catalogVersion, String schedule) {
        LiveStreamTables live = new LiveStreamTables(jdbcUrl, catalogVersion, schedule);
        live.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, region text NOT NULL)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount int NOT NULL)",
                "CREATE TABLE referrals (referrer int NOT NULL, referred int NOT NULL, PRIMARY KEY (referrer, referred))",
                "INSERT INTO customers SELECT g, 'region-' || (g % 4) FROM generate_series(1, 40) g",
                "INSERT INTO orders SELECT g, 1 + g % 40, 10 + g % 37 FROM generate_series(1, 400) g",
                "INSERT INTO referrals SELECT g / 3, g FROM generate_series(3, 30) g");
        live.add(engine, new Table("orders_by_customer", """
                SELECT customer_id, count(*) AS orders, sum(amount) AS total FROM public.orders GROUP BY customer_id""",
                RefreshAction.DIFFERENTIAL), "DIFFERENTIAL");
        live.add(engine, new Table("revenue_by_region", """
                SELECT c.region, sum(o.amount) AS total
                  FROM public.orders o JOIN public.customers c ON c.id = o.customer_id GROUP BY c.region""",
                RefreshAction.FULL), "FULL");
        live.add(engine, new Table("big_customers", """
                SELECT customer_id, total FROM public.orders_by_customer WHERE total > 120""",
                RefreshAction.DIFFERENTIAL), "DIFFERENTIAL");
        if (live.watermarks) {
            engine.createWatermarkGroup(WATERMARK_GROUP, List.of("public.orders", "public.customers"), Duration.ofMinutes(5));
            engine.advanceWatermark("public.orders", Instant.parse("2026-01-01T00:00:00Z"));
            engine.advanceWatermark("public.customers", Instant.parse("2026-01-01T00:00:00Z"));
        }
        if (live.cycle) {
            engine.setSetting("allow_circular", "true");
            engine.create("referral_reach", "SELECT referrer, referred FROM public.referrals", schedule, "DIFFERENTIAL");
            String steps = """
                    SELECT r.referrer, s.referred FROM public.referral_reach r JOIN public.referrals s ON s.referrer = r.referred""";
            engine.create("referral_steps", steps, "calculated", "DIFFERENTIAL");
            String reach = """
                    SELECT referrer, referred FROM public.referrals
                    UNION
                    SELECT referrer, referred FROM public.referral_steps""";
            engine.alter("referral_reach", reach);
            engine.refresh("referral_reach");
            live.tables.add(new Table("referral_reach", reach, null));
            live.tables.add(new Table("referral_steps", steps, null));
        }
        return live;
    }

    private void add(Lifecycle engine, Table table, String mode) {
        engine.create(table.name(), table.query(), schedule, mode);
        tables.add(table);
    }

    /** The same stream tables in a copy of the database (a restore) at {@code otherUrl}. */
    LiveStreamTables at(String otherUrl) {
        LiveStreamTables copy = new LiveStreamTables(otherUrl, watermarks, cycle, schedule);
        copy.tables.addAll(tables);
        copy.round = round;
        return copy;
    }

    List<Table> tables() {
        return tables;
    }

    boolean hasWatermarks() {
        return watermarks;
    }

    boolean hasCycle() {
        return cycle;
    }

    /** Inserts, updates and deletes in every source (a new round each call). */
    void writeChanges() {
        int r = ++round;
        execute("INSERT INTO orders SELECT 1000 * " + r + " + g, 1 + g % 40, g FROM generate_series(1, 25) g",
                "UPDATE orders SET amount = amount + " + r + " WHERE id % 11 = " + r % 11,
                "DELETE FROM orders WHERE id % 13 = " + r % 13 + " AND id < 400",
                "UPDATE customers SET region = 'region-x' WHERE id = " + (r % 40 + 1),
                "INSERT INTO referrals VALUES (" + (30 + r) + ", " + (100 + r) + "), (" + (3 + r) + ", " + (30 + r) + ")");
    }

    /**
     * Refreshes every table in dependency order and checks it: the action each must take (no needless
     * FULL or REINITIALIZE), and the oracle. Returns the actions by table.
     */
    Map<String, RefreshAction> refreshAndCheck(Trickle trickle) throws SQLException {
        Map<String, RefreshAction> actions = new LinkedHashMap<>();
        for (Table t : tables) {
            RefreshResult r = trickle.refresh(t.name());
            actions.put(t.name(), r.action());
            if (t.afterChange() != null) {
                assertEquals(t.afterChange(), r.action(), t.name() + ": " + r.reason());
            } else {
                assertNotEquals(RefreshAction.REINITIALIZE, r.action(), t.name() + ": " + r.reason());
            }
        }
        assertAllMatch();
        return actions;
    }

    void assertAllMatch() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            for (Table t : tables) {
                Oracle.assertMatches(c, "public", t.name(), t.query());
            }
        }
    }

    private void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }
}
