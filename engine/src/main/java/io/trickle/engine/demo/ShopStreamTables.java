package io.trickle.engine.demo;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sample's stream tables, created through the engine's API: several schedules (10 s to hourly,
 * a cron expression and a calculated one), AUTO and DIFFERENTIAL, and a chain of stream tables over stream
 * tables (order_totals → customer_revenue → region_revenue and customer_rank).
 */
final class ShopStreamTables implements DemoStep {

    /** One stream table of the demo, in creation order (upstream first). */
    record Definition(String name, String query, String schedule, RefreshMode mode) {
    }

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("shop.order_totals", """
                    SELECT o.id AS order_id, o.customer_id, count(*) AS items, sum(i.quantity * i.unit_price) AS total
                      FROM shop.orders o
                      JOIN shop.order_items i ON i.order_id = o.id
                     GROUP BY o.id, o.customer_id""", "30s", RefreshMode.AUTO),
            new Definition("shop.open_orders", """
                    SELECT o.id, o.customer_id, o.ordered_at
                      FROM shop.orders o
                     WHERE o.status = 'open'""", "10s", RefreshMode.DIFFERENTIAL),
            new Definition("shop.customer_revenue", """
                    SELECT c.id, c.name, c.region, count(*) AS orders, sum(t.total) AS revenue
                      FROM shop.customers c
                      JOIN shop.order_totals t ON t.customer_id = c.id
                     GROUP BY c.id, c.name, c.region""", "calculated", RefreshMode.AUTO),
            new Definition("reporting.region_revenue", """
                    SELECT region, sum(orders) AS orders, sum(revenue) AS revenue
                      FROM shop.customer_revenue
                     GROUP BY region""", "1m", RefreshMode.AUTO),
            new Definition("reporting.category_sales", """
                    SELECT p.category, sum(i.quantity) AS units, sum(i.quantity * i.unit_price) AS revenue
                      FROM shop.order_items i
                      JOIN shop.products p ON p.id = i.product_id
                     GROUP BY p.category""", "5m", RefreshMode.AUTO),
            new Definition("reporting.customer_rank", """
                    SELECT id, name, revenue, rank() OVER by_revenue AS rank, clock_timestamp() AS ranked_at
                      FROM shop.customer_revenue
                    WINDOW by_revenue AS (ORDER BY revenue DESC)""", "@hourly", RefreshMode.AUTO));

    @Override
    public String title() {
        return "the sample shop's stream tables";
    }

    @Override
    public List<String> install(Trickle trickle, Database database) {
        Set<String> existing = trickle.list().stream().map(StreamTableInfo::name).collect(Collectors.toSet());
        List<String> created = new ArrayList<>();
        for (Definition d : DEFINITIONS) {
            if (!existing.contains(d.name())) {
                trickle.create(CreateRequest.of(d.name(), d.query()).schedule(d.schedule()).mode(d.mode()));
                created.add("stream table " + d.name());
            }
        }
        return created;
    }
}
