package io.trickle.engine.scheduler;

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
 */
public record SchedulerConfig(String applicationName, Duration intervalOverride, Integer maxConcurrentOverride,
                              Duration stopGrace, Ticker ticker) {

    public SchedulerConfig {
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(ticker, "ticker");
    }

    public static SchedulerConfig defaults(String applicationName) {
        return new SchedulerConfig(applicationName, null, null, Duration.ofSeconds(6), Ticker.SYSTEM);
    }

    public SchedulerConfig withInterval(Duration interval) {
        return new SchedulerConfig(applicationName, interval, maxConcurrentOverride, stopGrace, ticker);
    }

    public SchedulerConfig withMaxConcurrent(Integer n) {
        return new SchedulerConfig(applicationName, intervalOverride, n, stopGrace, ticker);
    }
}
