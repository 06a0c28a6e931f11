package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.bench.ReportTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's verdict per query: the AUTO table's effective mode, the median refresh time of the
 * AUTO table and of its FULL twin over cycles 2 and later (the first cycle warms caches and plans),
 * their ratio, the actions AUTO took, and a flag where AUTO is more than {@link #LIMIT} times slower
 * than recomputing (issue 10, item 11).
 */
final class TpchSummary {

    /** The largest acceptable ratio of AUTO to FULL refresh time. */
    static final double LIMIT = 1.2;

    private static final class Query {
        String effectiveMode;
        String fallbackReason;
        final List<Double> auto = new ArrayList<>();
        final List<Double> full = new ArrayList<>();
        final ActionTally actions = new ActionTally();
    }

    private final Map<String, Query> queries = new LinkedHashMap<>();

    void created(String query, String effectiveMode, String fallbackReason) {
        Query q = queries.computeIfAbsent(query, k -> new Query());
        q.effectiveMode = effectiveMode;
        q.fallbackReason = fallbackReason;
    }

    /** The effective mode create reported for the query's AUTO table. */
    String effectiveMode(String query) {
        return queries.get(query).effectiveMode;
    }

    void autoRefreshed(String query, int cycle, RefreshResult r) {
        Query q = queries.get(query);
        q.actions.add(r);
        if (cycle >= 2) {
            q.auto.add(r.durationMs());
        }
    }

    void fullRefreshed(String query, int cycle, RefreshResult r) {
        if (cycle >= 2) {
            queries.get(query).full.add(r.durationMs());
        }
    }

    /** Queries whose AUTO table took more than {@link #LIMIT} times its FULL twin. */
    List<String> slow() {
        List<String> out = new ArrayList<>();
        queries.forEach((name, q) -> {
            if (ratio(q) > LIMIT) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * The verdict under the table. A flagged AUTO table that recomputed in every cycle did the same
     * work as its twin, so its ratio measures noise (or AUTO's own bookkeeping), not a poor choice of
     * strategy; the verdict says which flags those are.
     */
    String verdict() {
        List<String> slow = slow();
        if (slow.isEmpty()) {
            return String.format(Locale.ROOT, "no AUTO table slower than %.1f × its FULL twin%n", LIMIT);
        }
        List<String> sameWork = slow.stream().filter(n -> queries.get(n).actions.allWere(RefreshAction.FULL)).toList();
        List<String> differential = slow.stream().filter(n -> !sameWork.contains(n)).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "AUTO slower than %.1f × its FULL twin: %s%n", LIMIT, String.join(", ", slow)));
        if (!differential.isEmpty()) {
            out.append("  refreshed differentially (the strategy should have chosen FULL): ")
                    .append(String.join(", ", differential)).append('\n');
        }
        if (!sameWork.isEmpty()) {
            out.append("  recomputed in every cycle like their twin (noise or AUTO's own overhead): ")
                    .append(String.join(", ", sameWork)).append('\n');
        }
        return out.toString();
    }

    String render() {
        ReportTable table = new ReportTable("query", "AUTO mode", "AUTO ms", "FULL ms", "ratio", "", "AUTO actions",
                "why FULL");
        queries.forEach((name, q) -> {
            double ratio = ratio(q);
            table.row(name, q.effectiveMode, ms(median(q.auto)), ms(median(q.full)),
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), ratio > LIMIT ? "SLOW" : "",
                    q.actions.actions(), whyFull(q));
        });
        return table.render();
    }

    private static String whyFull(Query q) {
        if (q.fallbackReason != null && !q.fallbackReason.isBlank()) {
            return q.fallbackReason;
        }
        return q.actions.reasons();
    }

    private static double ratio(Query q) {
        double auto = median(q.auto);
        double full = median(q.full);
        return Double.isNaN(auto) || Double.isNaN(full) || full <= 0 ? Double.NaN : auto / full;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>(samples);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
