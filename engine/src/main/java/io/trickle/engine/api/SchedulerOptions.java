package io.trickle.engine.api;

import java.time.Duration;

/**
 * Overrides for one scheduler process; everything else comes from the catalog settings (DESIGN §3).
 *
 * @param interval      tick interval instead of {@code scheduler_interval_ms}, or null
 * @param maxConcurrent refreshes at once instead of {@code max_concurrent_refreshes}, or null
 */
public record SchedulerOptions(Duration interval, Integer maxConcurrent) {

    public static SchedulerOptions defaults() {
        return new SchedulerOptions(null, null);
    }
}
