package io.trickle.desktop.services;

import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sample shop the "Embedded demo" profile starts with: customers, products, orders and their items
 * as ordinary tables in schema {@code shop}, and stream tables over them (and over each other) in
 * {@code shop} and {@code reporting}, created through the engine's API like any DBA's. The data is
 * generated deterministically, so screenshots and tests see the same numbers every time.
 *
 * <p>Installing is idempotent: tables that exist are kept, rows are only added to empty tables, and
 * stream tables that exist are left alone. Watermark groups and a cycle join the demo when the engine
 * offers them.
 */
final class SampleData {

    /** One stream table of the sample, in creation order (upstream first). */
    record Definition(String name, String query, String schedule, String mode) {
    }

    static final List<Definition> STREAM_TABLES = List.of(
            new Definition("shop.order_totals", """
                    SELECT o.id AS order_id, o.customer_id, count(*) AS items, sum(i.quantity * i.unit_price) AS total
                      FROM shop.orders o
                      JOIN shop.order_items i ON i.order_id = o.id
                     GROUP BY o.id, o.customer_id""", "30s", "AUTO"),
            new Definition("shop.open_orders", """
                    SELECT o.id, o.customer_id, o.ordered_at
                      FROM shop.orders o
                     WHERE o.status = 'open'""", "10s", "DIFFERENTIAL"),
            new Definition("shop.customer_revenue", """
                    SELECT c.id, c.name, c.region, count(*) AS orders, sum(t.total) AS revenue
                      FROM shop.customers c
                      JOIN shop.order_totals t ON t.customer_id = c.id
                     GROUP BY c.id, c.name, c.region""", "calculated", "AUTO"),
            new Definition("reporting.region_revenue", """
                    SELECT region, sum(orders) AS orders, sum(revenue) AS revenue
                      FROM shop.customer_revenue
                     GROUP BY region""", "1m", "AUTO"),
            new Definition("reporting.category_sales", """
                    SELECT p.category, sum(i.quantity) AS units, sum(i.quantity * i.unit_price) AS revenue
                      FROM shop.order_items i
                      JOIN shop.products p ON p.id = i.product_id
                     GROUP BY p.category""", "5m", "AUTO"),
            new Definition("reporting.customer_rank", """
                    SELECT id, name, revenue, rank() OVER by_revenue AS rank
                      FROM shop.customer_revenue
                    WINDOW by_revenue AS (ORDER BY revenue DESC)""", "@hourly", "AUTO"));

    private static final List<String> SOURCES = List.of("""
            CREATE SCHEMA IF NOT EXISTS shop""", """
            CREATE SCHEMA IF NOT EXISTS reporting""", """
            CREATE TABLE IF NOT EXISTS shop.customers (
                id int PRIMARY KEY, name text NOT NULL, region text NOT NULL, tier text NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS shop.products (
                id int PRIMARY KEY, name text NOT NULL, category text NOT NULL, price numeric(10,2) NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS shop.orders (
                id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers,
                ordered_at timestamptz NOT NULL, status text NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS shop.order_items (
                order_id int NOT NULL REFERENCES shop.orders, line int NOT NULL,
                product_id int NOT NULL REFERENCES shop.products, quantity int NOT NULL,
                unit_price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line))""", """
            INSERT INTO shop.customers
            SELECT g, 'Customer ' || g, (ARRAY['north','south','east','west'])[1 + g % 4],
                   (ARRAY['standard','gold','platinum'])[1 + (g * 7) % 3]
              FROM generate_series(1, 200) g
             WHERE NOT EXISTS (SELECT FROM shop.customers)""", """
            INSERT INTO shop.products
            SELECT g, 'Product ' || g, (ARRAY['books','garden','kitchen','toys','tools'])[1 + g % 5],
                   round((5 + (g * 37) % 120)::numeric + 0.99, 2)
              FROM generate_series(1, 50) g
             WHERE NOT EXISTS (SELECT FROM shop.products)""", """
            INSERT INTO shop.orders
            SELECT g, 1 + (g * 13) % 200, timestamptz '2026-01-01 00:00+00' + g * interval '37 minutes',
                   CASE WHEN g % 10 = 0 THEN 'open' ELSE 'shipped' END
              FROM generate_series(1, 2000) g
             WHERE NOT EXISTS (SELECT FROM shop.orders)""", """
            INSERT INTO shop.order_items
            SELECT o, l, 1 + (o * 11 + l * 17) % 50, 1 + (o + l) % 4, round((5 + ((o * 11 + l * 17) % 50 * 37) % 120)::numeric + 0.99, 2)
              FROM generate_series(1, 2000) o, generate_series(1, 1 + o % 3) l
             WHERE NOT EXISTS (SELECT FROM shop.order_items)""");

    private SampleData() {
    }

    /**
     * Creates what is missing of the sample. {@code jdbcUrl} reaches the same database as
     * {@code trickle}; the source tables are plain SQL, since the engine only manages stream tables.
     *
     * @return the stream tables created now
     */
    static List<String> install(String jdbcUrl, Trickle trickle, TaskContext context) throws SQLException {
        context.progress(0.05, "Creating the sample tables in schema shop");
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            for (String sql : SOURCES) {
                s.execute(sql);
            }
        }
        Set<String> existing = trickle.list().stream().map(StreamTableInfo::name).collect(Collectors.toSet());
        List<String> created = new ArrayList<>();
        int step = 0;
        for (Definition d : STREAM_TABLES) {
            step++;
            if (context.isCancelled()) {
                break;
            }
            if (existing.contains(d.name())) {
                continue;
            }
            context.progress(0.1 + 0.9 * step / STREAM_TABLES.size(), "Creating stream table " + d.name());
            trickle.create(d.name(), d.query(), d.schedule(), d.mode(), true);
            created.add(d.name());
        }
        return created;
    }
}
