package io.trickle.desktop.services;

import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the watermark views know after one read: the groups, each group's alignment as the engine
 * judges it ({@code watermark_status()}), every source's watermark, and the latest refreshes that were
 * skipped (action SKIP), which say which stream tables a group held back and why.
 *
 * @param readAt when the read finished, by this machine's clock; for display only
 */
public record WatermarkOverview(List<WatermarkGroup> groups, List<WatermarkGroupStatus> statuses,
                                List<WatermarkInfo> watermarks, List<HistoryEntry> skips, Instant readAt) {

    public static final WatermarkOverview EMPTY = new WatermarkOverview(List.of(), List.of(), List.of(), List.of(),
            Instant.EPOCH);

    public WatermarkOverview {
        groups = List.copyOf(groups);
        statuses = List.copyOf(statuses);
        watermarks = List.copyOf(watermarks);
        skips = List.copyOf(skips);
        Objects.requireNonNull(readAt, "readAt");
    }
}
