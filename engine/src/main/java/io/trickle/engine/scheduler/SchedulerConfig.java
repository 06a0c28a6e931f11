package io.trickle.engine.scheduler;

import io.trickle.engine.catalog.CatalogCompatibility;
import java.time.Duration;
import java.util.Objects;

/**
 * How one scheduler process runs. The catalog settings (DESIGN §3) are re-read whenever the catalog
 * generation moves; the overrides here apply to this process only.
 *
 * @param applicationName       what the dedicated session shows in {@code pg_stat_activity}
 * @param intervalOverride      tick interval instead of {@code scheduler_interval_ms}, or null
 * @param maxConcurrentOverride workers instead of {@code max_concurrent_refreshes}, or null
 * @param stopGrace             how long a stop lets in-flight refreshes finish before cancelling them
 * @param ticker                elapsed time
 * @param catalog               the catalog versions this engine may act on; a leader whose catalog is
 *                              upgraded past them stops (a rolling upgrade hands over to the newer engine)
 */
public record SchedulerConfig(String applicationName, Duration intervalOverride, Integer maxConcurrentOverride,
                              Duration stopGrace, Ticker ticker, CatalogCompatibility catalog) {

    public SchedulerConfig {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(catalog, "catalog");
    }

    public static SchedulerConfig defaults(String applicationName) {
        return new SchedulerConfig(applicationName, null, null, Duration.ofSeconds(6), Ticker.SYSTEM,
                CatalogCompatibility.THIS_ENGINE);
    }

    public SchedulerConfig withInterval(Duration interval) {
        return new SchedulerConfig(applicationName, interval, maxConcurrentOverride, stopGrace, ticker, catalog);
    }

    public SchedulerConfig withMaxConcurrent(Integer n) {
        return new SchedulerConfig(applicationName, intervalOverride, n, stopGrace, ticker, catalog);
    }

    /** Another engine's view of which catalogs it may act on (tests play an older or newer release with it). */
    public SchedulerConfig withCatalog(CatalogCompatibility compatibility) {
        return new SchedulerConfig(applicationName, intervalOverride, maxConcurrentOverride, stopGrace, ticker,
                compatibility);
    }
}
