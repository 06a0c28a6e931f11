package io.trickle.engine.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a watermark group is aligned ({@code watermark_status()}, DESIGN §5): every source has a
 * watermark and max − min ≤ tolerance. The same rule gates refreshes.
 *
 * @param minWatermark the lagging end, null while no source has a watermark
 * @param lag          max − min, null unless at least one source has a watermark
 */
public record WatermarkGroupStatus(String name, Instant minWatermark, Instant maxWatermark, Duration lag, boolean aligned,
                                   int sourcesWithWatermark, int sourcesTotal) {
}
