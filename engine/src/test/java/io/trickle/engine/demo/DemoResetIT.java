package io.trickle.engine.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.embedded.Demo;
import io.trickle.engine.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code trickle demo --reset} and the workbench's Reset Demo: whatever the DBA did to the demo — an
 * advanced watermark, deleted rows, a dropped stream table, a stream table of their own over the
 * shop — a reset puts it back as a first install leaves it, and leaves alone what does not touch it.
 */
class DemoResetIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void putsTheDemoBackAsFirstInstalled() {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            Demo.install(trickle, db.jdbcUrl());
            Set<String> demo = names(trickle);
            trickle.advanceWatermark("etl.shipments_feed", Instant.parse("2026-01-01T12:00:00Z"));
            assertTrue(trickle.watermarkStatus().get(0).aligned(), "the demo was already there, and aligned");
            db.execute("DELETE FROM shop.order_items WHERE order_id > 1000", "DELETE FROM shop.orders WHERE id > 1000",
                    "CREATE TABLE public.notes (id int PRIMARY KEY)");
            trickle.drop("reporting.customer_rank", false);
            trickle.create("public.my_orders", "SELECT id FROM shop.orders WHERE status = 'open'", null, null, true);
            trickle.create("public.my_notes", "SELECT id FROM public.notes", null, null, true);

            List<String> done = Demo.reset(trickle, db.jdbcUrl());

            assertTrue(done.containsAll(List.of("dropped stream table public.my_orders", "dropped watermark group etl_feeds",
                    "dropped schema shop", "dropped schema reporting", "dropped schema etl", "stream table shop.order_totals",
                    "watermark group etl_feeds")), done.toString());
            Set<String> after = names(trickle);
            assertTrue(after.containsAll(demo) && after.contains("public.my_notes") && !after.contains("public.my_orders"),
                    after.toString());
            assertFalse(trickle.watermarkStatus().get(0).aligned(), "the shipments loader lags an hour again");
            assertEquals(2000, db.count("SELECT count(*) FROM shop.orders"));
            assertEquals(2000, db.count("SELECT count(*) FROM shop.order_totals"));
            assertEquals(1, trickle.sccStatus().size(), "the referral cycle is back");
            assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks w JOIN pg_class c ON c.oid = w.source"
                    + " WHERE c.relname = 'shipments_feed' AND w.watermark = timestamptz '2026-01-01 11:00Z'"));

            List<String> again = Demo.reset(trickle, db.jdbcUrl());
            assertTrue(again.contains("dropped stream table reporting.customer_rank")
                    && !again.contains("dropped stream table public.my_orders"), again.toString());
        }
    }

    private static Set<String> names(Trickle trickle) {
        return trickle.list().stream().map(StreamTableInfo::name).collect(Collectors.toSet());
    }
}
