package io.trickle.desktop.views.watermarks;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One card per watermark group, as the watermark view draws it: each source's watermark placed on a
 * time axis shared by the group's sources, the tolerance band ending at the newest watermark, whether
 * the group is aligned (the engine's verdict), the lagging source and by how much, and the stream
 * tables the group gates with their last SKIP. Plain data, tested without a display.
 *
 * <p>Which stream tables a group gates follows issue 5: those with at least two of the group's
 * sources among their transitive base sources. The engine's gate decides; the SKIP rows in the
 * history show what it decided.
 */
final class WatermarkCards {

    /** A source on the group's axis; {@code position} is 0..1 along it, NaN without a watermark. */
    record SourceMark(String source, Instant watermark, double position, Duration behind, boolean lagging) {
        boolean hasWatermark() {
            return watermark != null;
        }
    }

    /**
     * A stream table the group gates, its latest skipped refresh if the history holds one, and its
     * latest refresh (null when never refreshed).
     */
    record Gated(String streamTable, HistoryEntry lastSkip, Instant lastRefresh) {
        /** Whether the table's newest decision is a skip: it is being held back now. */
        boolean heldBack() {
            return lastSkip != null && (lastRefresh == null || !lastRefresh.isAfter(lastSkip.startTime()));
        }

        /** Its latest refresh when that came after its latest skip (the group let it through since), or null. */
        Instant refreshedSince() {
            return lastSkip != null && !heldBack() ? lastRefresh : null;
        }
    }

    /**
     * @param axisStart  the left end of the time axis (null when no source has a watermark)
     * @param bandStart  where the tolerance band starts on the axis, 0..1 (NaN without watermarks)
     * @param lagging    the source furthest behind (one without a watermark first), or null when aligned
     * @param laggingBy  how far it is behind the newest watermark; null when it has none
     */
    record Card(String name, Duration tolerance, boolean aligned, Duration lag, int sourcesWithWatermark,
                int sourcesTotal, Instant axisStart, Instant axisEnd, double bandStart, double bandEnd,
                List<SourceMark> sources, String lagging, Duration laggingBy, List<Gated> gated) {

        /** "aligned", "1 h behind the tolerance of 15 min" and the like, in one line. */
        String verdict() {
            if (aligned) {
                return "aligned · lag " + Durations.text(lag == null ? Duration.ZERO : lag) + " within "
                        + Durations.text(tolerance);
            }
            if (laggingBy == null) {
                return "misaligned · " + lagging + " has no watermark yet";
            }
            return "misaligned · " + lagging + " is " + Durations.text(laggingBy) + " behind (tolerance "
                    + Durations.text(tolerance) + ")";
        }
    }

    private WatermarkCards() {
    }

    /**
     * The cards of one catalog read: the groups, their status and the watermarks come from the same
     * read as the navigator's, so the two always give the same verdict.
     */
    static List<Card> of(CatalogSnapshot catalog) {
        Map<String, WatermarkGroupStatus> statuses = catalog.watermarkStatus().stream()
                .collect(Collectors.toMap(WatermarkGroupStatus::name, Function.identity(), (a, b) -> a));
        Map<String, Instant> marks = catalog.watermarks().stream().filter(w -> w.watermark() != null)
                .collect(Collectors.toMap(WatermarkInfo::sourceTable, WatermarkInfo::watermark, (a, b) -> a));
        List<HistoryEntry> skips = catalog.history().stream().filter(e -> "SKIP".equals(e.action())).toList();
        List<Card> cards = new ArrayList<>();
        for (WatermarkGroup group : catalog.watermarkGroups()) {
            cards.add(card(group, statuses.get(group.name()), marks, skips, catalog));
        }
        return cards;
    }

    private static Card card(WatermarkGroup group, WatermarkGroupStatus status, Map<String, Instant> marks,
                             List<HistoryEntry> skips, CatalogSnapshot catalog) {
        List<Instant> known = group.sources().stream().map(marks::get).filter(Objects::nonNull).toList();
        Instant min = known.stream().min(Comparator.naturalOrder()).orElse(null);
        Instant max = known.stream().max(Comparator.naturalOrder()).orElse(null);
        Duration lag = min == null ? null : Duration.between(min, max);
        boolean aligned = status != null ? status.aligned()
                : known.size() == group.sources().size() && lag != null && lag.compareTo(group.tolerance()) <= 0;
        Instant start = null;
        Instant end = null;
        if (min != null) {
            Duration span = Collections2.max(lag, group.tolerance(), Duration.ofMinutes(1));
            Duration pad = span.dividedBy(6);
            start = min.minus(pad).isBefore(max.minus(group.tolerance()).minus(pad)) ? min.minus(pad)
                    : max.minus(group.tolerance()).minus(pad);
            end = max.plus(pad);
        }
        List<SourceMark> sources = new ArrayList<>();
        String lagging = null;
        Duration laggingBy = null;
        for (String source : group.sources()) {
            Instant at = marks.get(source);
            Duration behind = at == null ? null : Duration.between(at, max);
            sources.add(new SourceMark(source, at, at == null ? Double.NaN : fraction(start, end, at), behind, false));
        }
        if (!aligned) {
            Optional<SourceMark> missing = sources.stream().filter(s -> !s.hasWatermark()).findFirst();
            SourceMark worst = missing.orElseGet(() -> sources.stream().filter(SourceMark::hasWatermark)
                    .max(Comparator.comparing(SourceMark::behind)).orElse(null));
            if (worst != null) {
                lagging = worst.source();
                laggingBy = worst.behind();
                String chosen = lagging;
                sources.replaceAll(s -> s.source().equals(chosen)
                        ? new SourceMark(s.source(), s.watermark(), s.position(), s.behind(), true) : s);
            }
        }
        double bandStart = max == null ? Double.NaN : fraction(start, end, max.minus(group.tolerance()));
        double bandEnd = max == null ? Double.NaN : fraction(start, end, max);
        return new Card(group.name(), group.tolerance(), aligned, lag, known.size(), group.sources().size(), start, end,
                bandStart, bandEnd, sources, lagging, laggingBy, gated(group, skips, catalog));
    }

    /** The stream tables with two or more of the group's sources beneath them, with their latest SKIP. */
    static List<Gated> gated(WatermarkGroup group, List<HistoryEntry> skips, CatalogSnapshot catalog) {
        Set<String> members = new HashSet<>(group.sources());
        List<Gated> out = new ArrayList<>();
        for (var table : catalog.tables()) {
            Set<String> beneath = baseSources(table.name(), catalog);
            long overlap = beneath.stream().filter(members::contains).count();
            if (overlap >= 2) {
                HistoryEntry last = skips.stream().filter(e -> e.name().equals(table.name()))
                        .max(Comparator.comparing(HistoryEntry::startTime)).orElse(null);
                out.add(new Gated(table.name(), last, table.lastRefreshAt()));
            }
        }
        return out;
    }

    /** The relations that are not stream tables beneath a stream table, through any chain of stream tables. */
    static Set<String> baseSources(String streamTable, CatalogSnapshot catalog) {
        Set<String> seen = new HashSet<>();
        Set<String> out = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(streamTable));
        while (!next.isEmpty()) {
            String name = next.poll();
            for (String source : catalog.sourcesOf(name)) {
                if (!seen.add(source)) {
                    continue;
                }
                boolean isStreamTable = catalog.node(source).map(n -> n.kind() == DependencyGraph.Kind.STREAM_TABLE)
                        .orElse(catalog.table(source).isPresent());
                if (isStreamTable) {
                    next.add(source);
                } else {
                    out.add(source);
                }
            }
        }
        return out;
    }

    private static double fraction(Instant start, Instant end, Instant at) {
        double whole = Duration.between(start, end).toMillis();
        return whole <= 0 ? 0.5 : Duration.between(start, at).toMillis() / whole;
    }

    /** The longest of a few durations, nulls ignored. */
    private static final class Collections2 {
        static Duration max(Duration... all) {
            Duration out = Duration.ZERO;
            for (Duration d : all) {
                if (d != null && d.compareTo(out) > 0) {
                    out = d;
                }
            }
            return out;
        }
    }
}
