package io.trickle.engine.demo;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A watermark group over two ETL sources. Two loaders fill
 * {@code etl.payments_feed} and {@code etl.shipments_feed}; the stream table {@code etl.settled_orders}
 * joins them, and the group {@code etl_feeds} (tolerance 15 minutes) makes it wait until both are
 * loaded to the same point. The shipments loader is set an hour behind, so the demo opens on a
 * misaligned group with a lagging source to look at.
 */
final class EtlWatermarkGroup implements DemoStep {

    static final String GROUP = "etl_feeds";
    static final List<String> SOURCES = List.of("etl.payments_feed", "etl.shipments_feed");
    static final String STREAM_TABLE = "etl.settled_orders";

    @Override
    public String title() {
        return "the ETL feeds' watermark group";
    }

    @Override
    public List<String> install(Trickle trickle, Database database) {
        List<String> created = new ArrayList<>(database.transaction("creating the ETL feeds", c -> {
            List<String> out = new ArrayList<>();
            ShopSources.execute(c, "CREATE SCHEMA IF NOT EXISTS etl");
            for (String feed : SOURCES) {
                if (!ShopSources.relationExists(c, feed)) {
                    ShopSources.execute(c, "CREATE TABLE " + feed
                            + " (order_id int PRIMARY KEY, amount numeric(10,2) NOT NULL, loaded_at timestamptz NOT NULL)");
                    // The shipments loader is behind: it has loaded fewer orders than the payments loader.
                    int loaded = feed.equals(SOURCES.get(0)) ? 120 : 80;
                    ShopSources.execute(c, "INSERT INTO " + feed + " SELECT g, 10 + g % 90, timestamptz '2026-01-01 11:00Z'"
                            + " + g * interval '30 seconds' FROM generate_series(1, " + loaded + ") g");
                    out.add("table " + feed);
                }
            }
            return out;
        }));
        boolean exists = trickle.list().stream().map(StreamTableInfo::name).anyMatch(STREAM_TABLE::equals);
        if (!exists) {
            trickle.create(CreateRequest.of(STREAM_TABLE, """
                    SELECT p.order_id, p.amount, s.loaded_at AS shipped_at
                      FROM etl.payments_feed p
                      JOIN etl.shipments_feed s ON s.order_id = p.order_id""").schedule("1m").mode(RefreshMode.DIFFERENTIAL));
            created.add("stream table " + STREAM_TABLE);
        }
        if (trickle.watermarkGroups().stream().noneMatch(g -> g.name().equals(GROUP))) {
            trickle.createWatermarkGroup(GROUP, SOURCES, Duration.ofMinutes(15));
            Instant loaded = Instant.parse("2026-01-01T12:00:00Z");
            trickle.advanceWatermark(SOURCES.get(0), loaded);
            trickle.advanceWatermark(SOURCES.get(1), loaded.minus(Duration.ofHours(1)));
            created.add("watermark group " + GROUP);
        }
        return created;
    }
}
