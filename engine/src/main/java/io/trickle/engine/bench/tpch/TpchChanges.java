package io.trickle.engine.bench.tpch;

import static io.trickle.engine.bench.tpch.TpchText.pick;

import io.trickle.engine.db.PgQuote;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The change cycles, after the specification's refresh functions: RF1 inserts new orders with their
 * line items (about 0.1 % of the orders), RF2 deletes as many of the loaded orders with their line
 * items, and RF3 updates line items, orders, parts, suppliers, customers and partsupp rows in ways
 * that move rows in and out of the queries' filters and groups (return flags, ship dates, market
 * segments, nations, brands, types, supplier comments that mention complaints). Every choice comes
 * from a random stream keyed by the seed and the cycle number, so a cycle replays exactly when it is
 * applied to the same data. Each refresh function runs in a transaction of its own.
 */
public final class TpchChanges {

    /** What one cycle changed. */
    public record Cycle(int cycle, int ordersInserted, int linesInserted, int ordersDeleted, int linesDeleted,
                        int rowsUpdated) {

        public long rowsChanged() {
            return (long) ordersInserted + linesInserted + ordersDeleted + linesDeleted + rowsUpdated;
        }

        public String describe() {
            return String.format(Locale.ROOT, "cycle %d: +%d orders (%d lines), -%d orders (%d lines), %d rows updated",
                    cycle, ordersInserted, linesInserted, ordersDeleted, linesDeleted, rowsUpdated);
        }
    }

    private final TpchGenerator generator;
    private final TpchScale scale;
    private final String schema;
    private int nextOrderIndex;

    public TpchChanges(TpchGenerator generator, String schema) {
        this.generator = generator;
        this.scale = generator.scale();
        this.schema = schema;
        this.nextOrderIndex = scale.orders() + 1;
    }

    /** Orders inserted and deleted per cycle: 0.1 % of the orders, at least two. */
    public int ordersPerCycle() {
        return atLeastTwo(scale.orders());
    }

    /** The percentage of orders each cycle inserts (and deletes). */
    public double changePct() {
        return 100.0 * ordersPerCycle() / scale.orders();
    }

    /** Applies RF1, RF2 and RF3 for {@code cycle} (1, 2, …), committing each. */
    public Cycle apply(Connection c, int cycle) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            SplittableRandom r = generator.stream("changes", cycle);
            int[] inserted = insertOrders(c);
            c.commit();
            int[] deleted = deleteOrders(c, r.nextLong());
            c.commit();
            int updated = updateLineitems(c, r) + updateOrders(c, r) + updateParts(c, r) + updateSuppliers(c, r)
                    + updateCustomers(c, r) + updatePartsupps(c, r);
            c.commit();
            return new Cycle(cycle, inserted[0], inserted[1], deleted[0], deleted[1], updated);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    // RF1 ------------------------------------------------------------------------------------------

    private int[] insertOrders(Connection c) throws SQLException {
        List<TpchOrder> orders = new ArrayList<>();
        for (int i = 0; i < ordersPerCycle(); i++) {
            orders.add(generator.order(nextOrderIndex++));
        }
        long o = TpchLoader.copy(c, schema, "orders", sink -> {
            for (TpchOrder order : orders) {
                sink.row(order.row());
            }
        });
        long l = TpchLoader.copy(c, schema, "lineitem", sink -> {
            for (TpchOrder order : orders) {
                for (TpchOrder.Line line : order.lines()) {
                    sink.row(TpchOrder.row(order.orderKey(), line));
                }
            }
        });
        return new int[] {(int) o, (int) l};
    }

    // RF2 ------------------------------------------------------------------------------------------

    /** Deletes loaded orders chosen by a seeded hash of their keys, line items first. */
    private int[] deleteOrders(Connection c, long hashSeed) throws SQLException {
        List<Integer> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o_orderkey FROM " + table("orders")
                + " WHERE o_orderkey <= ? ORDER BY hashint8extended(o_orderkey, ?) LIMIT ?")) {
            ps.setInt(1, TpchGenerator.orderKey(scale.orders()));
            ps.setLong(2, hashSeed);
            ps.setInt(3, ordersPerCycle());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getInt(1));
                }
            }
        }
        Array array = c.createArrayOf("integer", keys.toArray());
        int lines;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table("lineitem") + " WHERE l_orderkey = ANY (?)")) {
            ps.setArray(1, array);
            lines = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table("orders") + " WHERE o_orderkey = ANY (?)")) {
            ps.setArray(1, array);
            return new int[] {ps.executeUpdate(), lines};
        }
    }

    // RF3 ------------------------------------------------------------------------------------------

    /**
     * Line items of a few random orders get a new quantity (and the extended price that goes with it),
     * discount and return flag, and their ship and receipt dates move by up to two weeks.
     */
    private int updateLineitems(Connection c, SplittableRandom r) throws SQLException {
        List<int[]> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l_orderkey, l_linenumber FROM " + table("lineitem")
                + " WHERE l_orderkey = ANY (?) ORDER BY 1, 2")) {
            ps.setArray(1, c.createArrayOf("integer", randomOrderKeys(r, ordersPerCycle()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new int[] {rs.getInt(1), rs.getInt(2)});
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("lineitem")
                + " SET l_extendedprice = round(l_extendedprice / l_quantity * ?, 2), l_quantity = ?, l_discount = ?,"
                + " l_shipdate = l_shipdate + ?, l_receiptdate = l_receiptdate + ?, l_returnflag = ?"
                + " WHERE l_orderkey = ? AND l_linenumber = ?")) {
            for (int[] line : lines) {
                int quantity = 1 + r.nextInt(50);
                int shift = r.nextInt(29) - 14;
                ps.setInt(1, quantity);
                ps.setInt(2, quantity);
                ps.setBigDecimal(3, BigDecimal.valueOf(r.nextInt(11), 2));
                ps.setInt(4, shift);
                ps.setInt(5, shift);
                ps.setString(6, pick(r, List.of("R", "A", "N")));
                ps.setInt(7, line[0]);
                ps.setInt(8, line[1]);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    private int updateOrders(Connection c, SplittableRandom r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("orders")
                + " SET o_orderstatus = ?, o_orderpriority = ? WHERE o_orderkey = ?")) {
            for (int key : randomOrderKeys(r, ordersPerCycle())) {
                ps.setString(1, pick(r, List.of("F", "O", "P")));
                ps.setString(2, pick(r, TpchDomains.PRIORITIES));
                ps.setInt(3, key);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /** Each attribute changes with probability one half (a NULL bind keeps the old value). */
    private int updateParts(Connection c, SplittableRandom r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("part")
                + " SET p_retailprice = coalesce(?, p_retailprice), p_brand = coalesce(?, p_brand),"
                + " p_type = coalesce(?, p_type), p_size = coalesce(?, p_size), p_container = coalesce(?, p_container)"
                + " WHERE p_partkey = ?")) {
            for (int i = 0; i < atLeastTwo(scale.parts()); i++) {
                int key = 1 + r.nextInt(scale.parts());
                int mfgr = 1 + r.nextInt(5);
                maybe(ps, 1, r, Types.NUMERIC, BigDecimal.valueOf(90_000 + r.nextInt(120_000), 2));
                maybe(ps, 2, r, Types.VARCHAR, "Brand#" + mfgr + (1 + r.nextInt(5)));
                maybe(ps, 3, r, Types.VARCHAR, TpchGenerator.partType(r));
                maybe(ps, 4, r, Types.INTEGER, 1 + r.nextInt(50));
                maybe(ps, 5, r, Types.VARCHAR, TpchGenerator.container(r));
                ps.setInt(6, key);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /** A supplier may move to another nation (with a matching phone) and gain or lose a complaint. */
    private int updateSuppliers(Connection c, SplittableRandom r) throws SQLException {
        return updateAccounts(c, r, "supplier", "s_", "s_suppkey", scale.suppliers(), "s_comment",
                x -> TpchGenerator.supplierComment(x, x.nextInt(3) == 0 ? 27 : 1));
    }

    /** A customer may move to another nation (and country code) and to another market segment. */
    private int updateCustomers(Connection c, SplittableRandom r) throws SQLException {
        return updateAccounts(c, r, "customer", "c_", "c_custkey", scale.customers(), "c_mktsegment",
                x -> pick(x, TpchDomains.SEGMENTS));
    }

    /**
     * Suppliers and customers have the same account columns ({@code acctbal}, {@code nationkey},
     * {@code phone} under the table's prefix): each chosen row gets a new balance, half the time a new
     * nation with a phone of that nation, and half the time a new value of {@code attribute}.
     */
    private int updateAccounts(Connection c, SplittableRandom r, String name, String prefix, String keyColumn, int rows,
                               String attribute, Function<SplittableRandom, String> attributeValue) throws SQLException {
        String balance = PgQuote.ident(prefix + "acctbal");
        String nation = PgQuote.ident(prefix + "nationkey");
        String phone = PgQuote.ident(prefix + "phone");
        String other = PgQuote.ident(attribute);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table(name) + " SET " + balance + " = ?, "
                + nation + " = coalesce(?, " + nation + "), " + phone + " = coalesce(?, " + phone + "), "
                + other + " = coalesce(?, " + other + ") WHERE " + PgQuote.ident(keyColumn) + " = ?")) {
            for (int i = 0; i < atLeastTwo(rows); i++) {
                int key = 1 + r.nextInt(rows);
                ps.setBigDecimal(1, BigDecimal.valueOf(TpchGenerator.acctbalCents(r), 2));
                bindNation(ps, 2, r);
                maybe(ps, 4, r, Types.VARCHAR, attributeValue.apply(r));
                ps.setInt(5, key);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    private int updatePartsupps(Connection c, SplittableRandom r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("partsupp")
                + " SET ps_supplycost = ?, ps_availqty = ? WHERE ps_partkey = ? AND ps_suppkey = ?")) {
            for (int i = 0; i < atLeastTwo(4 * scale.parts()); i++) {
                int part = 1 + r.nextInt(scale.parts());
                int[] suppliers = generator.suppliersOf(part);
                ps.setBigDecimal(1, BigDecimal.valueOf(100 + r.nextInt(99_901), 2));
                ps.setInt(2, 1 + r.nextInt(9999));
                ps.setInt(3, part);
                ps.setInt(4, suppliers[r.nextInt(suppliers.length)]);
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    // ----------------------------------------------------------------------------------------------

    /** Keys of orders loaded or inserted so far (some may have been deleted: those update nothing). */
    private List<Integer> randomOrderKeys(SplittableRandom r, int n) {
        List<Integer> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(TpchGenerator.orderKey(1 + r.nextInt(nextOrderIndex - 1)));
        }
        return keys;
    }

    /** Half the time a new nation (parameter i) with a phone of that nation (i + 1); else keeps both. */
    private static void bindNation(PreparedStatement ps, int i, SplittableRandom r) throws SQLException {
        if (r.nextBoolean()) {
            int nation = r.nextInt(TpchDomains.NATIONS.size());
            ps.setInt(i, nation);
            ps.setString(i + 1, TpchGenerator.phone(r, nation));
        } else {
            ps.setNull(i, Types.INTEGER);
            ps.setNull(i + 1, Types.VARCHAR);
        }
    }

    private static void maybe(PreparedStatement ps, int i, SplittableRandom r, int sqlType, Object value)
            throws SQLException {
        if (r.nextBoolean()) {
            ps.setObject(i, value, sqlType);
        } else {
            ps.setNull(i, sqlType);
        }
    }

    private static int atLeastTwo(int rows) {
        return (int) Math.max(2, Math.round(rows * 0.001));
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int v : counts) {
            n += Math.max(0, v);
        }
        return n;
    }

    private String table(String name) {
        return PgQuote.qualified(schema, name);
    }
}
