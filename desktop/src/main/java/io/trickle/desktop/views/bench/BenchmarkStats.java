package io.trickle.desktop.views.bench;

import io.trickle.desktop.services.BenchmarkRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the benchmark charts draw, worked out from the runs shown: refresh time by cycle for one
 * scenario, and per scenario, size and change rate the median refresh time of each mode with the
 * speedup of each incremental mode over FULL. Plain data, so it is tested without a display.
 */
final class BenchmarkStats {

    static final String FULL = "FULL";

    private BenchmarkStats() {
    }

    /** A run as the charts name it. */
    record LabelledRun(String label, BenchmarkRun run) {
    }

    /** A scenario at one size and change rate: one group of bars. */
    record Case(String scenario, long rows, double changePct) {
        String label() {
            return scenario + " · " + rowsText(rows) + " · " + percentText(changePct);
        }

        /** The label on two lines, short enough to stand under a group of bars. */
        String barLabel() {
            return scenario + "\n" + rowsText(rows) + " · " + percentText(changePct);
        }
    }

    record Point(int cycle, double refreshMs) {
    }

    /** One line of the by-cycle chart: one run's refreshes in one mode. */
    record CycleSeries(String name, List<Point> points) {
    }

    /** One bar series of the comparison: the median refresh time per case in one mode. */
    record BarSeries(String name, Map<String, Double> medianByCase) {
    }

    /** The comparison chart: its cases in order, and the bars. */
    record Bars(List<String> cases, List<BarSeries> series) {
        static final Bars EMPTY = new Bars(List.of(), List.of());
    }

    /**
     * One line of the speedup table: how much faster {@code mode} refreshed than FULL for one run
     * and case; {@code speedup} is NaN when the run has no FULL refreshes for the case.
     */
    record Speedup(String run, Case measured, String mode, double medianMs, double fullMedianMs, double speedup) {
    }

    /** The scenarios of the runs, in the order they first appear. */
    static List<String> scenarios(List<LabelledRun> runs) {
        Set<String> out = new LinkedHashSet<>();
        runs.forEach(r -> r.run().rows().forEach(row -> out.add(row.scenario())));
        return List.copyOf(out);
    }

    /** Refresh time by cycle for one scenario: a series per run and mode (and size or change rate if they vary). */
    static List<CycleSeries> byCycle(List<LabelledRun> runs, String scenario) {
        List<CycleSeries> out = new ArrayList<>();
        for (LabelledRun r : runs) {
            Map<String, List<Point>> series = new LinkedHashMap<>();
            Set<Case> cases = new LinkedHashSet<>();
            r.run().rows().stream().filter(row -> row.scenario().equals(scenario)).forEach(row -> cases.add(caseOf(row)));
            for (BenchmarkRun.Row row : r.run().rows()) {
                if (!row.scenario().equals(scenario)) {
                    continue;
                }
                String name = r.label() + " · " + row.mode()
                        + (cases.size() > 1 ? " · " + rowsText(row.rows()) + " · " + percentText(row.changePct()) : "");
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(new Point(row.cycle(), row.refreshMs()));
            }
            series.forEach((name, points) -> out.add(new CycleSeries(name,
                    points.stream().sorted(java.util.Comparator.comparingInt(Point::cycle)).toList())));
        }
        return out;
    }

    /**
     * Median refresh time (as {@link #medians} counts) per case, a bar series per mode, so each mode
     * keeps its colour across runs. A case measured by several runs appears once per run, named after it.
     */
    static Bars bars(List<LabelledRun> runs) {
        Map<String, Integer> runsPerCase = new LinkedHashMap<>();
        runs.forEach(r -> medians(r.run()).keySet().forEach(c -> runsPerCase.merge(c.label(), 1, Integer::sum)));
        Set<String> cases = new LinkedHashSet<>();
        Map<String, Map<String, Double>> byMode = new LinkedHashMap<>();
        for (LabelledRun r : runs) {
            medians(r.run()).forEach((measured, modes) -> {
                String label = runsPerCase.get(measured.label()) > 1 ? r.label() + "\n" + measured.barLabel()
                        : measured.barLabel();
                cases.add(label);
                modes.forEach((mode, median) -> byMode.computeIfAbsent(mode, m -> new LinkedHashMap<>()).put(label, median));
            });
        }
        List<BarSeries> series = new ArrayList<>();
        byMode.forEach((mode, medians) -> series.add(new BarSeries(mode, medians)));
        return new Bars(List.copyOf(cases), series);
    }

    /** For each run and case, each mode other than FULL against FULL. */
    static List<Speedup> speedups(List<LabelledRun> runs) {
        List<Speedup> out = new ArrayList<>();
        for (LabelledRun r : runs) {
            medians(r.run()).forEach((measured, byMode) -> {
                Double full = byMode.get(FULL);
                byMode.forEach((mode, median) -> {
                    if (!mode.equals(FULL) && full != null) {
                        out.add(new Speedup(r.label(), measured, mode, median, full,
                                median > 0 ? full / median : Double.NaN));
                    }
                });
            });
        }
        return out;
    }

    /**
     * The median refresh time of each case and mode of a run. Cycle 1 warms caches and plans, so it is
     * left out wherever later cycles exist, as {@code trickle bench} does in its own summary.
     */
    static Map<Case, Map<String, Double>> medians(BenchmarkRun run) {
        Map<Case, Map<String, List<BenchmarkRun.Row>>> grouped = new LinkedHashMap<>();
        for (BenchmarkRun.Row row : run.rows()) {
            grouped.computeIfAbsent(caseOf(row), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.mode(), k -> new ArrayList<>()).add(row);
        }
        Map<Case, Map<String, Double>> out = new LinkedHashMap<>();
        grouped.forEach((measured, byMode) -> byMode.forEach((mode, rows) -> {
            boolean later = rows.stream().anyMatch(row -> row.cycle() >= 2);
            List<Double> times = rows.stream().filter(row -> !later || row.cycle() >= 2)
                    .map(BenchmarkRun.Row::refreshMs).toList();
            out.computeIfAbsent(measured, k -> new LinkedHashMap<>()).put(mode, median(times));
        }));
        return out;
    }

    static Case caseOf(BenchmarkRun.Row row) {
        return new Case(row.scenario(), row.rows(), row.changePct());
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** 950, 20k, 1.5M rows. */
    static String rowsText(long rows) {
        if (rows < 1_000) {
            return Long.toString(rows);
        }
        if (rows < 1_000_000) {
            return trim(rows / 1_000.0) + "k";
        }
        return trim(rows / 1_000_000.0) + "M";
    }

    /** 1 %, 0.5 %, 10 %. */
    static String percentText(double pct) {
        return trim(pct) + " %";
    }

    /** 12.3×, 0.8×; a dash when unknown. */
    static String speedupText(double speedup) {
        return Double.isNaN(speedup) || Double.isInfinite(speedup) ? "—"
                : String.format(Locale.ROOT, speedup >= 10 ? "%.0f×" : "%.1f×", speedup);
    }

    static String millisText(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : "%.1f ms", ms);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
