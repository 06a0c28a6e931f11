package io.trickle.engine.api;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a stream table is behind, from {@code pgtrickle.stream_table_lag} (issue 16).
 *
 * @param effectiveInterval its own schedule's period, or for a calculated schedule the tightest among
 *                          its readers; null for cron schedules and calculated tables nobody reads
 * @param staleness         since its last refresh (null before the first)
 * @param slowestUpstream   the stream table or watermarked source on its path furthest behind, when
 *                          that is behind more than the table itself; else null
 */
public record StreamTableLag(String name, String schedule, Duration effectiveInterval, String status,
                             Instant lastRefreshAt, Duration staleness, String slowestUpstream,
                             UpstreamKind slowestUpstreamKind, Duration slowestUpstreamLag) {

    /** What the slowest upstream is. */
    public enum UpstreamKind { STREAM_TABLE, WATERMARK }

    /** Staleness over the effective period (1.0 = one period behind); null when either is unknown. */
    public Double stalenessRatio() {
        if (staleness == null || effectiveInterval == null || effectiveInterval.isZero()) {
            return null;
        }
        return staleness.toMillis() / (double) effectiveInterval.toMillis();
    }
}
