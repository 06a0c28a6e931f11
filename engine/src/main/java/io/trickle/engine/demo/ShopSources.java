package io.trickle.engine.demo;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample shop's ordinary tables in schema {@code shop} (customers, products, orders and their
 * items), and schema {@code reporting} for stream tables. The data is generated deterministically,
 * so screenshots and tests see the same numbers every time; rows go only into empty tables.
 */
final class ShopSources implements DemoStep {

    private record Table(String name, String ddl, String rows) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("shop.customers", """
                    CREATE TABLE shop.customers (
                        id int PRIMARY KEY, name text NOT NULL, region text NOT NULL, tier text NOT NULL)""", """
                    INSERT INTO shop.customers
                    SELECT g, 'Customer ' || g, (ARRAY['north','south','east','west'])[1 + g % 4],
                           (ARRAY['standard','gold','platinum'])[1 + (g * 7) % 3]
                      FROM generate_series(1, 200) g"""),
            new Table("shop.products", """
                    CREATE TABLE shop.products (
                        id int PRIMARY KEY, name text NOT NULL, category text NOT NULL, price numeric(10,2) NOT NULL)""", """
                    INSERT INTO shop.products
                    SELECT g, 'Product ' || g, (ARRAY['books','garden','kitchen','toys','tools'])[1 + g % 5],
                           round((5 + (g * 37) % 120)::numeric + 0.99, 2)
                      FROM generate_series(1, 50) g"""),
            new Table("shop.orders", """
                    CREATE TABLE shop.orders (
                        id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop.customers,
                        ordered_at timestamptz NOT NULL, status text NOT NULL)""", """
                    INSERT INTO shop.orders
                    SELECT g, 1 + (g * 13) % 200, timestamptz '2026-01-01 00:00+00' + g * interval '37 minutes',
                           CASE WHEN g % 10 = 0 THEN 'open' ELSE 'shipped' END
                      FROM generate_series(1, 2000) g"""),
            new Table("shop.order_items", """
                    CREATE TABLE shop.order_items (
                        order_id int NOT NULL REFERENCES shop.orders, line int NOT NULL,
                        product_id int NOT NULL REFERENCES shop.products, quantity int NOT NULL,
                        unit_price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line))""", """
                    INSERT INTO shop.order_items
                    SELECT o, l, 1 + (o * 11 + l * 17) % 50, 1 + (o + l) % 4,
                           round((5 + ((o * 11 + l * 17) % 50 * 37) % 120)::numeric + 0.99, 2)
                      FROM generate_series(1, 2000) o, generate_series(1, 1 + o % 3) l"""));

    @Override
    public String title() {
        return "the sample shop's tables";
    }

    @Override
    public List<String> install(Trickle trickle, Database database) {
        return database.transaction("creating the demo's tables", c -> {
            List<String> created = new ArrayList<>();
            for (String schema : List.of("shop", "reporting")) {
                if (!exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema)) {
                    execute(c, "CREATE SCHEMA " + schema);
                    created.add("schema " + schema);
                }
            }
            for (Table t : TABLES) {
                if (!relationExists(c, t.name())) {
                    execute(c, t.ddl());
                    created.add("table " + t.name());
                }
                if (!exists(c, "SELECT 1 FROM " + t.name() + " LIMIT 1")) {
                    try (Statement s = c.createStatement()) {
                        int rows = s.executeUpdate(t.rows());
                        created.add(rows + " rows in " + t.name());
                    }
                }
            }
            return created;
        });
    }

    static boolean exists(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether a relation of this name exists. */
    static boolean relationExists(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_class WHERE oid = to_regclass(?)", name);
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
