package io.trickle.engine.watermark;

import io.trickle.engine.api.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A watermark group that is not aligned, as {@code pgtrickle.watermark_alignment()} judged it.
 *
 * @param group                the group's name
 * @param laggingSources       what the group waits for: its sources without a watermark if any, else
 *                             those at the oldest watermark
 * @param minWatermark         the oldest watermark among the sources that have one (null if none has)
 * @param maxWatermark         the newest
 * @param lag                  max − min (null if no source has a watermark)
 * @param tolerance            the largest lag the group accepts
 * @param sourcesWithWatermark how many of its sources have reported
 * @param sourcesTotal         how many sources it has
 */
public record Misalignment(String group, List<String> laggingSources, Instant minWatermark, Instant maxWatermark,
                           Duration lag, Duration tolerance, int sourcesWithWatermark, int sourcesTotal) {

    public Misalignment {
        laggingSources = List.copyOf(laggingSources);
    }

    /**
     * E.g. {@code group etl waits for public.lines (at 2026-03-01T00:00:00Z, 1d behind the newest,
     * 2026-03-02T00:00:00Z; tolerance 0s)}.
     */
    public String describe() {
        String waitsFor = "group " + group + " waits for " + String.join(", ", laggingSources);
        if (sourcesWithWatermark < sourcesTotal) {
            return waitsFor + " (no watermark yet; " + sourcesWithWatermark + " of " + sourcesTotal
                    + " sources reported)";
        }
        return waitsFor + " (at " + minWatermark + ", " + Durations.compact(lag) + " behind the newest, " + maxWatermark
                + "; tolerance " + Durations.compact(tolerance) + ")";
    }

    /**
     * The reason a refresh held back by {@code groups} records: {@code watermark_misaligned}, then
     * each group with what it waits for.
     */
    public static String reason(List<Misalignment> groups) {
        StringBuilder out = new StringBuilder("watermark_misaligned: ");
        for (int i = 0; i < groups.size(); i++) {
            out.append(i == 0 ? "" : "; ").append(groups.get(i).describe());
        }
        return out.toString();
    }
}
