package io.trickle.engine.demo;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.db.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo that {@code trickle demo}, the workbench's {@code --demo} and its "Embedded demo" profile
 * share ({@link io.trickle.engine.embedded.Demo}): a small shop with customers, products, orders and their items,
 * and stream tables over them and over each other on several schedules. Installing is idempotent:
 * every step makes only what is missing and reports what it made, so a second install reports nothing.
 *
 * <p>The demo grows with the engine, one step per feature; see {@link #STEPS}.
 */
public final class DemoInstaller {

    /** The steps, in order. */
    static final List<DemoStep> STEPS = List.of(
            new ShopSources(),
            new ShopStreamTables(),
            new EtlWatermarkGroup(),
            new ReferralCycle()
    );

    private DemoInstaller() {
    }

    /**
     * Installs what is missing of the demo into the database both arguments reach; the catalog must
     * be installed. Returns what was created, in order ({@code "table shop.orders"},
     * {@code "stream table shop.order_totals"}, …); empty when everything was there.
     */
    public static List<String> install(Trickle trickle, Database database) {
        List<String> created = new ArrayList<>();
        for (DemoStep step : STEPS) {
            try {
                created.addAll(step.install(trickle, database));
            } catch (TrickleException e) {
                throw new TrickleException.ActionFailedException("installing the demo (" + step.title() + ") failed: "
                        + e.getMessage(), e);
            }
        }
        return created;
    }
}
