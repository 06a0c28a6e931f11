package io.trickle.engine.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQL of the suite's data, written once: the tables of a copy, how order {@code i} looks (the
 * load and every insert use the same expression), and how a cycle changes a copy. All arithmetic on
 * ids is bigint, so a million rows and more load without overflow.
 */
final class OrdersData {

    /** Regions of the customers; the join + aggregate scenario groups by them. */
    private static final String REGIONS = "(ARRAY['eu','us','apac','latam','mea'])[1 + (i % 5)::int]";

    private OrdersData() {
    }

    /** Customers for {@code rows} orders: about ten orders each. */
    static long customersFor(long rows) {
        return Math.max(10, rows / 10);
    }

    /** Creates and fills the first copy: {@code rows} orders over {@link #customersFor} customers. */
    static void load(Connection c, Sources s, long rows) throws SQLException {
        long customers = customersFor(rows);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + s.customers() + " (id bigint PRIMARY KEY, region text NOT NULL, tier int NOT NULL)");
            st.execute("CREATE TABLE " + s.orders() + " (id bigint PRIMARY KEY, cust_id bigint NOT NULL,"
                    + " amount numeric(12,2) NOT NULL, status text NOT NULL, note text)");
            st.execute("INSERT INTO " + s.customers() + " SELECT i, " + REGIONS + ", (i % 3)::int"
                    + " FROM generate_series(1::bigint, " + customers + "::bigint) i");
        }
        insertOrders(c, s, 1, rows, customers);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX ON " + s.orders() + " (cust_id)");
        }
        analyze(c, s);
    }

    /** Creates {@code to} as an exact copy of {@code from}: same columns, keys, indexes and rows. */
    static void copy(Connection c, Sources from, Sources to) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String[] t : new String[][] {{from.customers(), to.customers()}, {from.orders(), to.orders()}}) {
                st.execute("CREATE TABLE " + t[1] + " (LIKE " + t[0] + " INCLUDING ALL)");
                st.execute("INSERT INTO " + t[1] + " SELECT * FROM " + t[0]);
            }
        }
        analyze(c, to);
    }

    private static void analyze(Connection c, Sources s) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE " + s.customers());
            st.execute("ANALYZE " + s.orders());
        }
    }

    /** Inserts orders {@code first} .. {@code first + n - 1}, as the load made them. */
    static void insertOrders(Connection c, Sources s, long first, long n, long customers) throws SQLException {
        if (n <= 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s.orders() + " SELECT i, 1 + (i * 7919) % "
                + customers + ", ((i * 37) % 10000) / 100.0, CASE WHEN i % 3 = 0 THEN 'open' ELSE 'done' END,"
                + " 'order ' || i FROM generate_series(?::bigint, ?::bigint) i")) {
            ps.setLong(1, first);
            ps.setLong(2, first + n - 1);
            ps.executeUpdate();
        }
    }

    /**
     * Updates the orders {@code ids}: a new amount, the status flipped, and every fifth order moved to
     * the next customer, so rows move in and out of filters and between groups.
     */
    static void updateOrders(Connection c, Sources s, long[] ids, long customers) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + s.orders() + " SET amount = mod(amount * 7 + 3, 100),"
                + " status = CASE status WHEN 'open' THEN 'done' ELSE 'open' END,"
                + " cust_id = CASE WHEN id % 5 = 0 THEN 1 + cust_id % " + customers + " ELSE cust_id END"
                + " WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", box(ids)));
            ps.executeUpdate();
        }
    }

    static void deleteOrders(Connection c, Sources s, long[] ids) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + s.orders() + " WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", box(ids)));
            ps.executeUpdate();
        }
    }

    private static Long[] box(long[] ids) {
        Long[] out = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }
}
