package io.trickle.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A watermark group: sources that must be loaded up to the same point (within {@code tolerance})
 * before the stream tables reading them refresh (DESIGN §5, {@code watermark_groups()}).
 *
 * @param sources qualified source names, quoted where PostgreSQL needs quotes
 */
public record WatermarkGroup(String name, List<String> sources, Duration tolerance, Instant createdAt) {

    public WatermarkGroup {
        sources = List.copyOf(sources);
    }
}
