package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The query shapes the suite measures, each over a copy of the orders and customers tables
 * ({@link Sources}). Every query keeps the primary keys pg_ivm needs to give its materialized view a
 * unique index (or groups by a key), so that pg_ivm is measured at its best where it can maintain the
 * query at all.
 */
public enum Scenario {
    SCAN("SELECT id, cust_id, amount, status FROM %1$s"),
    FILTER("SELECT id, cust_id, amount FROM %1$s WHERE status = 'open' AND amount > 50"),
    AGGREGATE("SELECT cust_id, count(*) AS orders, sum(amount) AS total FROM %1$s GROUP BY cust_id"),
    JOIN("SELECT o.id, c.id AS cust_id, c.region, o.amount FROM %1$s o JOIN %2$s c ON c.id = o.cust_id"),
    JOIN_AGGREGATE("SELECT c.region, count(*) AS orders, sum(o.amount) AS total FROM %1$s o JOIN %2$s c"
            + " ON c.id = o.cust_id GROUP BY c.region"),
    DISTINCT("SELECT DISTINCT cust_id, status FROM %1$s"),
    WINDOW("SELECT id, cust_id, amount, rank() OVER (PARTITION BY cust_id ORDER BY amount DESC, id) AS rank_in_customer"
            + " FROM %1$s"),
    SEMI_JOIN("SELECT c.id, c.region FROM %2$s c WHERE EXISTS (SELECT 1 FROM %1$s o WHERE o.cust_id = c.id"
            + " AND o.status = 'open')"),
    TOPK("SELECT id, cust_id, amount FROM %1$s ORDER BY amount DESC, id LIMIT 100");

    /** The five shapes of the refresh-speed issue's table, in its order. */
    public static final List<Scenario> HEADLINE = List.of(SCAN, FILTER, AGGREGATE, JOIN, JOIN_AGGREGATE);

    private final String template;

    Scenario(String template) {
        this.template = template;
    }

    /** The query over one copy of the sources. */
    public String query(Sources sources) {
        return String.format(Locale.ROOT, template, sources.orders(), sources.customers());
    }

    /** {@code scan}, {@code join_aggregate}, … as the command line and the CSV spell it. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code all}, {@code headline}, {@code none} (only capture or writers) or a comma list of
     * names; refuses an unknown name, naming the known ones.
     */
    public static List<Scenario> parseList(List<String> names) {
        List<Scenario> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace('+', '_');
            if (name.equals("none")) {
                continue;
            } else if (name.equals("all")) {
                addAll(out, Arrays.asList(values()));
            } else if (name.equals("headline")) {
                addAll(out, HEADLINE);
            } else {
                Scenario s = Arrays.stream(values()).filter(v -> v.csvName().equals(name)).findFirst()
                        .orElseThrow(() -> new InvalidInputException("unknown scenario '" + raw + "'; known: "
                                + String.join(", ", Arrays.stream(values()).map(Scenario::csvName).toList())
                                + ", or all, headline, none"));
                addAll(out, List.of(s));
            }
        }
        return List.copyOf(out);
    }

    private static void addAll(List<Scenario> out, List<Scenario> more) {
        for (Scenario s : more) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
    }
}
