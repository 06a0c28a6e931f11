package io.trickle.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo shared by {@code trickle demo} and the workbench, installed through the facade. */
class DemoInstallerIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void installsTheShopAndItsStreamTablesOnceAndThenNothing() {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            TrickleException refused = org.junit.jupiter.api.Assertions.assertThrows(TrickleException.class,
                    trickle::installDemo);
            assertTrue(refused.getMessage().contains("catalog is not installed"), refused.getMessage());
            trickle.install();

            List<String> created = trickle.installDemo();

            assertEquals(List.of("schema shop", "schema reporting", "table shop.customers", "200 rows in shop.customers",
                    "table shop.products", "50 rows in shop.products", "table shop.orders", "2000 rows in shop.orders",
                    "table shop.order_items", "4001 rows in shop.order_items", "stream table shop.order_totals",
                    "stream table shop.open_orders", "stream table shop.customer_revenue",
                    "stream table reporting.region_revenue", "stream table reporting.category_sales",
                    "stream table reporting.customer_rank"), created);
            List<StreamTableInfo> tables = trickle.list();
            assertEquals(6, tables.size());
            Set<String> schedules = tables.stream().map(StreamTableInfo::schedule).collect(Collectors.toSet());
            assertTrue(schedules.size() >= 5, "several schedules: " + schedules);
            assertTrue(trickle.dependencyGraph().edges().stream()
                            .anyMatch(e -> e.from().equals("shop.customer_revenue") && e.to().equals("reporting.region_revenue")),
                    "a chain of stream tables over stream tables");
            assertEquals(2000, db.count("SELECT count(*) FROM shop.order_totals"));

            assertEquals(List.of(), trickle.installDemo(), "a second install finds everything there");
            db.execute("INSERT INTO shop.orders VALUES (5001, 7, now(), 'open')",
                    "INSERT INTO shop.order_items VALUES (5001, 1, 3, 2, 9.99)");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("shop.open_orders", false).action());
            assertEquals(201, db.count("SELECT count(*) FROM shop.open_orders"));
        }
    }

    @Test
    void theStepsStillToComeAreNotInstalledYet() {
        assertEquals(List.of(ShopSources.class, ShopStreamTables.class),
                DemoInstaller.STEPS.stream().map(Object::getClass).toList(),
                "the watermark group and the cycle join the demo when the engine offers them (see DemoInstaller.STEPS)");
    }
}
