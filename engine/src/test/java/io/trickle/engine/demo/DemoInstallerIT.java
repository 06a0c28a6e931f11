package io.trickle.engine.demo;

import io.trickle.engine.embedded.Demo;
import io.trickle.engine.api.RefreshOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.oracle.Oracle;
import java.sql.Connection;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo shared by {@code trickle demo} and the workbench, installed where the embedded server lives. */
class DemoInstallerIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void installsTheShopAndItsStreamTablesOnceAndThenNothing() throws Exception {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            TrickleException refused = org.junit.jupiter.api.Assertions.assertThrows(TrickleException.class,
                    () -> Demo.install(trickle, db.jdbcUrl()));
            assertTrue(refused.getMessage().contains("catalog is not installed"), refused.getMessage());
            trickle.install();

            List<String> created = Demo.install(trickle, db.jdbcUrl());

            assertEquals(List.of("schema shop", "schema reporting", "table shop.customers", "200 rows in shop.customers",
                    "table shop.products", "50 rows in shop.products", "table shop.orders", "2000 rows in shop.orders",
                    "table shop.order_items", "4001 rows in shop.order_items", "stream table shop.order_totals",
                    "stream table shop.open_orders", "stream table shop.customer_revenue",
                    "stream table reporting.region_revenue", "stream table reporting.category_sales",
                    "stream table reporting.customer_rank", "table etl.payments_feed", "table etl.shipments_feed",
                    "stream table etl.settled_orders", "watermark group etl_feeds", "table shop.referrals",
                    "stream table shop.referral_reach", "stream table shop.referral_steps (a cycle with shop.referral_reach)"),
                    created);
            List<StreamTableInfo> tables = trickle.list();
            assertEquals(9, tables.size());
            Set<String> schedules = tables.stream().map(StreamTableInfo::schedule).collect(Collectors.toSet());
            assertTrue(schedules.size() >= 5, "several schedules: " + schedules);
            assertTrue(trickle.dependencyGraph().edges().stream()
                            .anyMatch(e -> e.from().equals("shop.customer_revenue") && e.to().equals("reporting.region_revenue")),
                    "a chain of stream tables over stream tables");
            assertEquals(2000, db.count("SELECT count(*) FROM shop.order_totals"));
            WatermarkGroupStatus feeds = trickle.watermarkStatus().get(0);
            assertEquals("etl_feeds", feeds.name());
            assertFalse(feeds.aligned(), "the demo opens on a lagging loader");
            assertEquals(RefreshAction.SKIP, trickle.refresh("etl.settled_orders", new RefreshOptions(false, true)).action());
            assertEquals(1, trickle.sccStatus().size());
            assertEquals(List.of("shop.referral_reach", "shop.referral_steps"), trickle.sccStatus().get(0).members());
            String reach = "WITH RECURSIVE r(referrer, referred) AS (SELECT referrer, referred FROM shop.referrals"
                    + " UNION SELECT r.referrer, s.referred FROM r JOIN shop.referrals s ON s.referrer = r.referred)"
                    + " SELECT referrer, referred FROM r";
            try (Connection c = db.connect()) {
                Oracle.assertMatches(c, "shop", "referral_reach", reach);
            }

            assertEquals(List.of(), Demo.install(trickle, db.jdbcUrl()), "a second install finds everything there");
            db.execute("INSERT INTO shop.orders VALUES (5001, 7, now(), 'open')",
                    "INSERT INTO shop.order_items VALUES (5001, 1, 3, 2, 9.99)");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("shop.open_orders").action());
            assertEquals(201, db.count("SELECT count(*) FROM shop.open_orders"));
        }
    }

}
