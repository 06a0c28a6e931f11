package io.trickle.engine.oracle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random changes to the corpus schema ({@code corpus/schema.sql}): inserts, updates and
 * deletes with NULLs, duplicate rows in keyless tables, updates of join keys, group keys and primary
 * keys, single-row and bulk statements. Values come from small domains so that groups and join
 * partners collide. The same seed always yields the same statements.
 */
public final class RandomChanges {

    private static final String[] REGIONS = {"'eu'", "'us'", "'apac'", "NULL"};
    private static final String[] TIERS = {"'gold'", "'silver'", "'bronze'", "NULL"};
    private static final String[] STATUS = {"'open'", "'done'", "'hold'", "NULL"};
    private static final String[] SKUS = {"'a1'", "'a2'", "'b1'", "'b2'", "'c1'", "'zz'"};
    private static final String[] CATEGORIES = {"'x'", "'y'", "'z'", "NULL"};
    private static final String[] PLAYERS = {"'ann'", "'bob'", "'cy'", "'dee'"};
    private static final String[] NAMES = {"'ann'", "'bob'", "'cy'", "'eve'", "'fay'"};
    private static final String[] TAGS = {"red", "green", "blue", "red"};
    private static final String[] LABELS = {"'a'", "'b'", "'c'"};
    /** Equal under the case-insensitive collation ci, written differently (ß = ss at its strength). */
    private static final String[] CI_TEXTS = {"'a'", "'A'", "'b'", "'B'", "'Straße'", "'STRASSE'", "'strasse'", "NULL"};
    /** Equal numerics of different scales. */
    private static final String[] QTYS = {"1", "1.0", "1.00", "2.5", "2.50", "0", "0.000", "NULL"};
    /** Floats with both zeros. */
    private static final String[] RATIOS = {"0", "'-0'::float8", "1.5", "-1.5", "0.25", "NULL"};
    private static final String[] CI_ARRAYS = {"ARRAY['a', 'B']", "ARRAY['A', 'b']", "ARRAY['strasse']", "ARRAY['Straße']",
            "ARRAY[]::text[]", "NULL"};
    private static final String[] NUM_ARRAYS = {"ARRAY[1.0, 2]", "ARRAY[1.00, 2.0]", "ARRAY[0.0]", "ARRAY[0]", "NULL"};
    private static final String[] PAIRS = {"ROW(1.0, 'x')::tagged_amount", "ROW(1.00, 'X')::tagged_amount",
            "ROW(2, 'y')::tagged_amount", "ROW(NULL, 'y')::tagged_amount", "NULL"};

    private static final String[] SHIP_REGIONS = {"'eu'", "'us'", "'us'", "'apac'", "NULL"};
    private static final String[] KINDS = {"'click'", "'view'", "'buy'", "NULL"};
    private final Random random;
    private int nextId;

    /** {@code firstId} keeps the new keys of different instances apart. */
    public RandomChanges(long seed, int firstId) {
        this.random = new Random(seed);
        this.nextId = firstId;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int small(int bound) {
        return random.nextInt(bound);
    }

    private String nullable(String value) {
        return random.nextInt(6) == 0 ? "NULL" : value;
    }

    private String amount() {
        return nullable(String.format(java.util.Locale.ROOT, "%d.%02d", small(80), small(100)));
    }

    /** Initial rows of every table. */
    public List<String> initialData() {
        List<String> sql = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            sql.add("INSERT INTO customers VALUES (" + i + ", " + pick(NAMES) + ", " + pick(REGIONS) + ", " + pick(TIERS) + ")");
        }
        for (int i = 1; i <= 40; i++) {
            sql.add(orderInsert(i));
        }
        for (int i = 0; i < 40; i++) {
            sql.add(itemInsert());
        }
        for (String sku : SKUS) {
            sql.add("INSERT INTO products VALUES (" + sku + ", " + pick(CATEGORIES) + ", " + amount() + ", "
                    + (random.nextBoolean() ? "true" : random.nextInt(4) == 0 ? "NULL" : "false") + ")");
        }
        for (String p : PLAYERS) {
            for (int g = 1; g <= 3; g++) {
                sql.add("INSERT INTO scores VALUES (" + p + ", " + g + ", " + nullable(String.valueOf(small(50))) + ")");
            }
        }
        for (int i = 0; i < 15; i++) {
            sql.add(readingInsert());
        }
        for (int i = 1; i <= 6; i++) {
            sql.add("INSERT INTO \"Odd Table\" VALUES (" + i + ", " + nullable("'v" + small(3) + "'") + ", " + small(9) + ")");
        }
        for (int i = 1; i <= 10; i++) {
            sql.add(docInsert(i));
        }
        for (int i = 1; i <= 16; i++) {
            sql.add(nodeInsert(i));
        }
        for (int i = 1; i <= 14; i++) {
            sql.add(labelInsert(i));
        }
        for (int i = 0; i < 12; i++) {
            sql.add(labelLinkInsert());
        }
        for (int i = 1; i <= 10; i++) {
            sql.add(calendarInsert(i));
        }
        for (int i = 1; i <= 16; i++) {
            sql.add(shipmentInsert(i, "shipments", pick(SHIP_REGIONS), small(20)));
        }
        for (int i = 1; i <= 12; i++) {
            sql.add(eventInsert(i));
        }
        return sql;
    }

    private String orderInsert(int id) {
        return "INSERT INTO orders VALUES (" + id + ", " + nullable(String.valueOf(1 + small(14))) + ", " + amount() + ", "
                + small(6) + ", " + pick(STATUS) + ", " + nullable("DATE '2024-01-01' + " + small(90)) + ")";
    }

    private String itemInsert() {
        String row = "(" + (1 + small(45)) + ", " + pick(SKUS) + ", " + nullable(String.valueOf(small(5))) + ", " + amount() + ")";
        return "INSERT INTO items VALUES " + row + (random.nextInt(4) == 0 ? ", " + row : "");
    }

    private String readingInsert() {
        String v = random.nextInt(5) == 0 ? "NULL" : (small(1000) / 7.0) + "";
        return "INSERT INTO readings VALUES (" + small(4) + ", " + v + ", " + nullable("'n" + small(3) + "'") + ")";
    }

    private String tags() {
        if (random.nextInt(6) == 0) {
            return "NULL";
        }
        List<String> tags = new ArrayList<>();
        for (int i = small(4); i > 0; i--) {
            tags.add(random.nextInt(8) == 0 ? "NULL" : "'" + TAGS[small(TAGS.length)] + "'");
        }
        return "ARRAY[" + String.join(", ", tags) + "]::text[]";
    }

    private String attrs() {
        if (random.nextInt(6) == 0) {
            return "NULL";
        }
        List<String> list = new ArrayList<>();
        for (int i = small(3); i > 0; i--) {
            list.add(String.valueOf(small(4)));
        }
        return "jsonb_build_object('k', " + small(5) + ", 'list', jsonb_build_array(" + String.join(", ", list) + ")"
                + (random.nextBoolean() ? ", 'x', 'y'" : "") + ")";
    }

    private String docInsert(int id) {
        return "INSERT INTO docs VALUES (" + id + ", " + nullable(String.valueOf(1 + small(14))) + ", " + tags() + ", " + attrs() + ")";
    }

    private String labelInsert(int id) {
        return "INSERT INTO labels VALUES (" + id + ", " + pick(CI_TEXTS) + ", " + pick(CI_TEXTS) + ", " + pick(QTYS) + ", "
                + pick(RATIOS) + ", " + pick(CI_ARRAYS) + ", " + pick(NUM_ARRAYS) + ", " + pick(PAIRS) + ")";
    }

    /** A shipment written into {@code table}, which must accept its region and weight. */
    private String shipmentInsert(int id, String table, String region, int weight) {
        return "INSERT INTO " + table + " VALUES (" + id + ", " + region + ", " + weight + ", " + nullable(String.valueOf(1 + small(14)))
                + ")";
    }

    /** An event written into the parent or one of its children. */
    private String eventInsert(int id) {
        return switch (small(3)) {
            case 0 -> "INSERT INTO events VALUES (" + id + ", " + pick(KINDS) + ", " + small(20) + ")";
            case 1 -> "INSERT INTO events_web VALUES (" + id + ", " + pick(KINDS) + ", " + small(20) + ", 'u" + small(3) + "')";
            default -> "INSERT INTO events_app VALUES (" + id + ", " + pick(KINDS) + ", " + small(20) + ")";
        };
    }

    private String calendarInsert(int id) {
        return "INSERT INTO calendar VALUES (" + id + ", " + (2024 + small(2)) + ", " + (1 + small(3)) + ", " + (1 + small(4)) + ", "
                + nullable("'c" + small(3) + "'") + ")";
    }

    private String labelLinkInsert() {
        String row = "(" + pick(CI_TEXTS) + ", " + small(3) + ")";
        return "INSERT INTO label_links VALUES " + row + (random.nextInt(3) == 0 ? ", " + row : "");
    }

    /** A node's parent has a smaller id (or none): the forest has no cycles. */
    private String nodeInsert(int id) {
        String parent = id == 1 || random.nextInt(4) == 0 ? "NULL" : String.valueOf(1 + small(Math.min(id - 1, 16)));
        return "INSERT INTO nodes VALUES (" + id + ", " + parent + ", " + pick(LABELS) + ")";
    }

    /** One round: a dozen or two statements over every table, to be run in a few transactions. */
    public List<List<String>> round() {
        List<String> sql = new ArrayList<>();
        // customers
        sql.add("INSERT INTO customers VALUES (" + (nextId++) + ", " + pick(NAMES) + ", " + pick(REGIONS) + ", " + pick(TIERS) + ")");
        sql.add("UPDATE customers SET region = " + pick(REGIONS) + " WHERE id = " + (1 + small(14)));
        sql.add("UPDATE customers SET tier = " + pick(TIERS) + ", name = " + pick(NAMES) + " WHERE id % 5 = " + small(5));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM customers WHERE id = " + (1 + small(16)));
        }
        if (random.nextInt(3) == 0) {
            sql.add("UPDATE customers SET id = " + (nextId++) + " WHERE id = " + (1 + small(12)));
        }
        // orders
        sql.add(orderInsert(nextId++));
        sql.add(orderInsert(nextId++));
        sql.add("UPDATE orders SET amount = " + amount() + " WHERE id = " + (1 + small(45)));
        sql.add("UPDATE orders SET cust_id = " + nullable(String.valueOf(1 + small(14))) + " WHERE id = " + (1 + small(45)));
        sql.add("UPDATE orders SET status = " + pick(STATUS) + " WHERE id % 6 = " + small(6));
        sql.add("UPDATE orders SET qty = qty + 1 WHERE id % 7 = " + small(7));
        sql.add("DELETE FROM orders WHERE id = " + (1 + small(50)));
        if (random.nextInt(3) == 0) {
            sql.add("UPDATE orders SET id = " + (nextId++) + " WHERE id = " + (1 + small(40)));
        }
        // items: keyless, with duplicates
        sql.add(itemInsert());
        sql.add("DELETE FROM items WHERE ctid IN (SELECT ctid FROM items WHERE sku = " + pick(SKUS) + " LIMIT 1)");
        sql.add("UPDATE items SET qty = " + nullable(String.valueOf(small(5))) + " WHERE order_id % 5 = " + small(5));
        if (random.nextBoolean()) {
            sql.add("UPDATE items SET sku = " + pick(SKUS) + " WHERE ctid IN (SELECT ctid FROM items LIMIT 2)");
        }
        // products
        sql.add("UPDATE products SET price = " + amount() + ", active = " + (random.nextBoolean() ? "NOT coalesce(active, false)" : "NULL")
                + " WHERE sku = " + pick(SKUS));
        sql.add("UPDATE products SET category = " + pick(CATEGORIES) + " WHERE sku = " + pick(SKUS));
        if (random.nextInt(3) == 0) {
            String sku = pick(SKUS);
            sql.add("DELETE FROM products WHERE sku = " + sku);
            sql.add("INSERT INTO products VALUES (" + sku + ", " + pick(CATEGORIES) + ", " + amount() + ", true) ON CONFLICT DO NOTHING");
        }
        // scores
        sql.add("UPDATE scores SET points = " + nullable(String.valueOf(small(50))) + " WHERE player = " + pick(PLAYERS));
        sql.add("INSERT INTO scores VALUES (" + pick(PLAYERS) + ", " + (4 + small(6)) + ", " + small(50) + ") ON CONFLICT DO NOTHING");
        if (random.nextBoolean()) {
            sql.add("DELETE FROM scores WHERE game = " + (1 + small(8)) + " AND player = " + pick(PLAYERS));
        }
        // readings
        sql.add(readingInsert());
        sql.add("DELETE FROM readings WHERE ctid IN (SELECT ctid FROM readings WHERE sensor = " + small(4) + " LIMIT 1)");
        // odd names
        sql.add("UPDATE \"Odd Table\" SET \"select\" = \"select\" + 1, \"Value Col\" = " + nullable("'v" + small(3) + "'")
                + " WHERE \"Key\" = " + (1 + small(7)));
        sql.add("INSERT INTO \"Odd Table\" VALUES (" + (nextId++) + ", 'v" + small(3) + "', " + small(9) + ")");
        // docs: arrays and jsonb
        sql.add(docInsert(nextId++));
        sql.add("UPDATE docs SET tags = " + tags() + " WHERE id = " + (1 + small(12)));
        sql.add("UPDATE docs SET attrs = " + attrs() + " WHERE id % 4 = " + small(4));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM docs WHERE id = " + (1 + small(12)));
        }
        // nodes: a forest whose shape changes (parent_id < id keeps it acyclic)
        sql.add(nodeInsert(nextId++));
        int node = 2 + small(16);
        sql.add("UPDATE nodes SET parent_id = " + (random.nextInt(4) == 0 ? "NULL" : String.valueOf(1 + small(node - 1)))
                + " WHERE id = " + node);
        sql.add("UPDATE nodes SET label = " + pick(LABELS) + " WHERE id % 5 = " + small(5));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM nodes WHERE id = " + (1 + small(18)));
        }
        if (random.nextInt(3) == 0) {
            sql.add("UPDATE nodes SET id = " + (nextId++) + " WHERE id = " + (1 + small(16)));
        }
        // labels: values replaced by equal ones written differently (case, scale, the sign of zero)
        sql.add(labelInsert(nextId++));
        sql.add("UPDATE labels SET label = CASE WHEN label = lower(label) THEN upper(label) ELSE lower(label) END WHERE id % 3 = "
                + small(3));
        sql.add("UPDATE labels SET qty = qty + 0.000, ratio = -ratio WHERE id % 4 = " + small(4));
        sql.add("UPDATE labels SET code = " + pick(CI_TEXTS) + ", names = " + pick(CI_ARRAYS) + ", nums = " + pick(NUM_ARRAYS)
                + ", pair = " + pick(PAIRS) + " WHERE id = " + (1 + small(16)));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM labels WHERE id = " + (1 + small(16)));
        }
        if (random.nextInt(3) == 0) {
            sql.add("UPDATE labels SET id = " + (nextId++) + " WHERE id = " + (1 + small(14)));
        }
        sql.add(calendarInsert(nextId++));
        sql.add("UPDATE calendar SET day = day % 4 + 1, \"current\" = " + nullable("'c" + small(3) + "'") + " WHERE id % 3 = "
                + small(3));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM calendar WHERE id = " + (1 + small(12)));
        }
        sql.add(labelLinkInsert());
        sql.add("DELETE FROM label_links WHERE ctid IN (SELECT ctid FROM label_links WHERE weight = " + small(3) + " LIMIT 1)");
        // shipments: written through the root, a partition, the sub-partitioned partition and a leaf;
        // updates through the root move rows between partitions and sub-partitions
        sql.add(shipmentInsert(nextId++, "shipments", pick(SHIP_REGIONS), small(20)));
        sql.add(shipmentInsert(nextId++, "shipments_eu", "'eu'", small(20)));
        sql.add(shipmentInsert(nextId++, "shipments_us", "'us'", small(20)));
        sql.add(shipmentInsert(nextId++, "shipments_us_heavy", "'us'", 10 + small(10)));
        sql.add("UPDATE shipments SET weight = weight + 7 WHERE id % 4 = " + small(4));
        sql.add("UPDATE shipments SET region = " + pick(SHIP_REGIONS) + " WHERE id = " + (1 + small(20)));
        sql.add("UPDATE shipments_eu SET cust_id = " + nullable(String.valueOf(1 + small(14))) + " WHERE id % 3 = " + small(3));
        sql.add("UPDATE shipments_us SET weight = greatest(weight - 6, 0) WHERE id % 3 = " + small(3));
        sql.add("DELETE FROM shipments_us_light WHERE id = " + (1 + small(20)));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM shipments WHERE id = " + (1 + small(20)));
        }
        // events: written through the inheritance parent and each child
        sql.add(eventInsert(nextId++));
        sql.add(eventInsert(nextId++));
        sql.add("UPDATE events SET n = n + 1 WHERE id % 3 = " + small(3));
        sql.add("UPDATE events_web SET kind = " + pick(KINDS) + ", url = 'u" + small(3) + "' WHERE id % 2 = " + small(2));
        sql.add("DELETE FROM events_app WHERE id = " + (1 + small(16)));
        if (random.nextBoolean()) {
            sql.add("DELETE FROM events WHERE id = " + (1 + small(16)));
        }
        sql.add("UPDATE label_links SET label = upper(label) WHERE ctid IN (SELECT ctid FROM label_links LIMIT 2)");
        // split into transactions of random sizes, in order
        List<List<String>> txs = new ArrayList<>();
        int i = 0;
        while (i < sql.size()) {
            int n = 1 + small(8);
            txs.add(new ArrayList<>(sql.subList(i, Math.min(sql.size(), i + n))));
            i += n;
        }
        return txs;
    }

    /**
     * A round that only inserts (into every table): the case some rules handle by a cheaper path
     * (semi-naive growth of a recursive CTE, say).
     */
    public List<List<String>> insertRound() {
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO customers VALUES (" + (nextId++) + ", " + pick(NAMES) + ", " + pick(REGIONS) + ", " + pick(TIERS) + ")");
        sql.add(orderInsert(nextId++));
        sql.add(itemInsert());
        sql.add("INSERT INTO scores VALUES (" + pick(PLAYERS) + ", " + (nextId++) + ", " + small(50) + ")");
        sql.add("INSERT INTO products VALUES ('p" + (nextId++) + "', " + pick(CATEGORIES) + ", " + amount() + ", true)");
        sql.add(readingInsert());
        sql.add("INSERT INTO \"Odd Table\" VALUES (" + (nextId++) + ", 'v" + small(3) + "', " + small(9) + ")");
        sql.add(docInsert(nextId++));
        for (int i = small(4); i >= 0; i--) {
            sql.add(nodeInsert(nextId++));
        }
        sql.add(labelInsert(nextId++));
        sql.add(labelLinkInsert());
        sql.add(shipmentInsert(nextId++, "shipments", pick(SHIP_REGIONS), small(20)));
        sql.add(shipmentInsert(nextId++, "shipments_us_light", "'us'", small(10)));
        sql.add(eventInsert(nextId++));
        // a new node may hang under a node added in this round: recursion through new rows only
        sql.add("INSERT INTO nodes SELECT " + (nextId++) + ", max(id), " + pick(LABELS) + " FROM nodes");
        return List.of(sql);
    }

    /** Runs statements, each transaction as one. */
    public static void run(Connection c, List<List<String>> transactions) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (List<String> tx : transactions) {
                for (String s : tx) {
                    st.execute(s);
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
