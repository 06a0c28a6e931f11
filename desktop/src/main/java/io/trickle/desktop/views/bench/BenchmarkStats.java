package io.trickle.desktop.views.bench;

import io.trickle.desktop.services.BenchmarkRun;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the benchmark charts draw, worked out from the runs shown: refresh time by cycle for one
 * scenario; per scenario, size, change rate and path the median refresh time of each kind of
 * maintenance (REFRESH MATERIALIZED VIEW, pg_ivm, Trickle FULL and Trickle in the suite's runs; the
 * modes in older runs) with the speedup over the reference (REFRESH MATERIALIZED VIEW, or FULL); the
 * cost of capture per changed row beside pg_ivm's; and the writers' latency percentiles. Plain data,
 * so it is tested without a display.
 */
final class BenchmarkStats {

    static final String FULL = "FULL";
    /** The series of REFRESH MATERIALIZED VIEW, the reference of the suite's runs. */
    static final String REFRESH_MV = "REFRESH MV";
    static final String TRICKLE_FULL = "Trickle FULL";
    static final String PG_IVM = "pg_ivm";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Rows of the suite that measure no refresh, drawn in charts of their own. */
    private static final Set<String> NOT_REFRESHES = Set.of("writers", "scheduler");
    /** The suite's capture statements: {@code capture_5col}, {@code capture_60col}, … */
    private static final String CAPTURE = "capture_";

    private BenchmarkStats() {
    }

    /** A run as the charts name it. */
    record LabelledRun(String label, BenchmarkRun run) {
    }

    /** A scenario at one size, change rate and path (empty for runs that do not say): one group of bars. */
    record Case(String scenario, long rows, double changePct, String path) {
        Case(String scenario, long rows, double changePct) {
            this(scenario, rows, changePct, "");
        }

        String label() {
            return scenario + " · " + rowsText(rows) + " · " + percentText(changePct) + (path.isEmpty() ? "" : " · " + path);
        }

        /** The label on two lines, short enough to stand under a group of bars. */
        String barLabel() {
            return scenario + "\n" + rowsText(rows) + " · " + percentText(changePct) + (path.isEmpty() ? "" : " · " + path);
        }
    }

    record Point(int cycle, double refreshMs) {
    }

    /** One line of the by-cycle chart: one run's refreshes of one kind; a recomputation is drawn dashed. */
    record CycleSeries(String name, boolean recomputes, List<Point> points) {
    }

    /** One bar series: a value per case. */
    record BarSeries(String name, Map<String, Double> medianByCase) {
    }

    /** A bar chart: its cases in order, and the bars. */
    record Bars(List<String> cases, List<BarSeries> series) {
        static final Bars EMPTY = new Bars(List.of(), List.of());
    }

    /**
     * One line of the speedup table: how much faster {@code mode} refreshed than the reference
     * ({@code REFRESH MV} in the suite's runs, FULL in older ones) for one run and case;
     * {@code speedup} is NaN when the run has no reference for the case.
     */
    record Speedup(String run, Case measured, String mode, double medianMs, String reference, double referenceMs,
                   double speedup) {
    }

    // ---------------------------------------------------------------------------------------------
    // What a row is
    // ---------------------------------------------------------------------------------------------

    /** The suite's {@code baseline} column, or empty in older runs. */
    static String baseline(BenchmarkRun.Row row) {
        return row.extras().getOrDefault("baseline", "").trim();
    }

    static String path(BenchmarkRun.Row row) {
        return row.extras().getOrDefault("path", "").trim();
    }

    /** What a row's refresh is called in the charts: its kind of maintenance, or its mode in older runs. */
    static String seriesOf(BenchmarkRun.Row row) {
        return switch (baseline(row)) {
            case "refresh_mv" -> REFRESH_MV;
            case "pg_ivm" -> PG_IVM;
            case "full" -> TRICKLE_FULL;
            case "trickle" -> "Trickle " + row.mode();
            case "plain" -> "no maintenance";
            default -> row.mode();
        };
    }

    /**
     * Whether the row is a refresh the refresh charts compare: not the writers or the scheduler, not a
     * bare DML, and not the capture statements (whose refresh has no REFRESH MV beside it; they have a
     * chart of their own).
     */
    static boolean isRefresh(BenchmarkRun.Row row) {
        return !NOT_REFRESHES.contains(row.scenario()) && !row.scenario().startsWith(CAPTURE)
                && !baseline(row).equals("plain");
    }

    /** Whether a series is a recomputation, drawn dashed. */
    static boolean recomputes(String series) {
        return series.equals(FULL) || series.equals(REFRESH_MV) || series.equals(TRICKLE_FULL);
    }

    static Case caseOf(BenchmarkRun.Row row) {
        return new Case(row.scenario(), row.rows(), row.changePct(), path(row));
    }

    // ---------------------------------------------------------------------------------------------
    // Run labels
    // ---------------------------------------------------------------------------------------------

    /**
     * A run named by its options rather than its id: sizes, change rates, paths and the day it ran,
     * e.g. {@code 100k, 1M · 1 %, 10 % · cli, daemon · 2026-12-07 20:07}.
     */
    static String labelOf(BenchmarkRun run) {
        Set<Long> sizes = new TreeSet<>();
        Set<Double> changes = new TreeSet<>();
        Set<String> paths = new LinkedHashSet<>();
        // The matrix names a run; capture, writers and no-change rows are measured beside it.
        List<BenchmarkRun.Row> matrix = run.rows().stream().filter(row -> isRefresh(row)
                && !row.scenario().equals("no_change")).toList();
        for (BenchmarkRun.Row row : matrix.isEmpty() ? run.rows() : matrix) {
            sizes.add(row.rows());
            if (row.changePct() > 0) {
                changes.add(row.changePct());
            }
            if (!path(row).isEmpty()) {
                paths.add(path(row));
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(String.join(", ", sizes.stream().map(BenchmarkStats::rowsText).toList()));
        parts.add(String.join(", ", changes.stream().map(BenchmarkStats::percentText).toList()));
        if (!paths.isEmpty()) {
            parts.add(String.join(", ", paths));
        }
        parts.removeIf(String::isEmpty);
        parts.add(DATE.format(run.startedAt()));
        return String.join(" · ", parts);
    }

    // ---------------------------------------------------------------------------------------------
    // Refresh times
    // ---------------------------------------------------------------------------------------------

    /** The scenarios of the runs with refreshes to draw, in the order they first appear. */
    static List<String> scenarios(List<LabelledRun> runs) {
        Set<String> out = new LinkedHashSet<>();
        runs.forEach(r -> r.run().rows().stream().filter(BenchmarkStats::isRefresh).forEach(row -> out.add(row.scenario())));
        return List.copyOf(out);
    }

    /** Refresh time by cycle for one scenario: a series per run and kind (and case if several). */
    static List<CycleSeries> byCycle(List<LabelledRun> runs, String scenario) {
        List<CycleSeries> out = new ArrayList<>();
        for (LabelledRun r : runs) {
            Map<String, List<Point>> series = new LinkedHashMap<>();
            Set<String> recomputing = new LinkedHashSet<>();
            Set<Case> cases = new LinkedHashSet<>();
            List<BenchmarkRun.Row> rows = r.run().rows().stream()
                    .filter(row -> row.scenario().equals(scenario) && isRefresh(row)).toList();
            rows.forEach(row -> cases.add(caseOf(row)));
            for (BenchmarkRun.Row row : rows) {
                Case c = caseOf(row);
                String name = r.label() + " · " + seriesOf(row) + (cases.size() > 1 ? " · " + rowsText(c.rows()) + " · "
                        + percentText(c.changePct()) + (c.path().isEmpty() ? "" : " · " + c.path()) : "");
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(new Point(row.cycle(), row.refreshMs()));
                if (recomputes(seriesOf(row))) {
                    recomputing.add(name);
                }
            }
            series.forEach((name, points) -> out.add(new CycleSeries(name, recomputing.contains(name),
                    points.stream().sorted(Comparator.comparingInt(Point::cycle)).toList())));
        }
        return out;
    }

    /**
     * Median refresh time (as {@link #medians} counts) per case, a bar series per kind of maintenance,
     * so each keeps its colour across runs. A case measured by several runs appears once per run.
     */
    static Bars bars(List<LabelledRun> runs) {
        return barsOf(runs, BenchmarkStats::medians);
    }

    /** For each run and case, each kind of maintenance against the reference (REFRESH MV, else FULL). */
    static List<Speedup> speedups(List<LabelledRun> runs) {
        List<Speedup> out = new ArrayList<>();
        for (LabelledRun r : runs) {
            medians(r.run()).forEach((measured, bySeries) -> {
                String reference = bySeries.containsKey(REFRESH_MV) ? REFRESH_MV
                        : bySeries.containsKey(FULL) ? FULL : TRICKLE_FULL;
                Double ref = bySeries.get(reference);
                bySeries.forEach((series, median) -> {
                    if (!series.equals(reference) && ref != null) {
                        out.add(new Speedup(r.label(), measured, series, median, reference, ref,
                                median > 0 ? ref / median : Double.NaN));
                    }
                });
            });
        }
        return out;
    }

    /**
     * The median refresh time of each case and kind of a run. Cycle 1 warms caches and plans, so it is
     * left out wherever later cycles exist, as {@code trickle bench} does in its own summary.
     */
    static Map<Case, Map<String, Double>> medians(BenchmarkRun run) {
        return mediansOf(run, BenchmarkStats::isRefresh, BenchmarkStats::caseOf, BenchmarkStats::seriesOf,
                BenchmarkRun.Row::refreshMs);
    }

    // ---------------------------------------------------------------------------------------------
    // Capture and writers
    // ---------------------------------------------------------------------------------------------

    /**
     * What maintenance costs the writer, per changed source row: Trickle's capture (the DML with
     * capture minus without) beside pg_ivm's in-transaction maintenance, median per scenario, size and
     * change rate (the path does not change the DML).
     */
    static Bars captureBars(List<LabelledRun> runs) {
        Bars bars = barsOf(runs, run -> mediansOf(run, row -> !extra(row, "capture_us_per_row").isNaN(),
                row -> new Case(row.scenario(), row.rows(), row.changePct()),
                row -> baseline(row).equals("pg_ivm") ? "pg_ivm maintenance" : "Trickle capture",
                row -> extra(row, "capture_us_per_row")));
        // Trickle first, whichever the file happened to list first, so its colour stays put.
        List<BarSeries> ordered = bars.series().stream()
                .sorted(Comparator.comparing(s -> s.name().startsWith("Trickle") ? 0 : 1)).toList();
        return new Bars(bars.cases(), ordered);
    }

    /** The writers' latency percentiles per kind of maintenance and writer count. */
    static Bars writerBars(List<LabelledRun> runs) {
        List<String> cases = new ArrayList<>();
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        for (String p : List.of("p50", "p95", "p99")) {
            bySeries.put(p, new LinkedHashMap<>());
        }
        for (LabelledRun r : runs) {
            for (BenchmarkRun.Row row : r.run().rows()) {
                if (!row.scenario().equals("writers")) {
                    continue;
                }
                String label = (runs.size() > 1 ? r.label() + "\n" : "") + seriesOf(row).replace("Trickle " + row.mode(),
                        "Trickle") + "\n" + row.writers() + (row.writers() == 1 ? " writer" : " writers");
                cases.add(label);
                bySeries.get("p50").put(label, extra(row, "latency_p50_ms"));
                bySeries.get("p95").put(label, extra(row, "latency_p95_ms"));
                bySeries.get("p99").put(label, extra(row, "latency_p99_ms"));
            }
        }
        if (cases.isEmpty()) {
            return Bars.EMPTY;
        }
        List<BarSeries> series = new ArrayList<>();
        bySeries.forEach((name, values) -> series.add(new BarSeries("latency " + name, values)));
        return new Bars(List.copyOf(cases), series);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared
    // ---------------------------------------------------------------------------------------------

    private static Bars barsOf(List<LabelledRun> runs, Function<BenchmarkRun, Map<Case, Map<String, Double>>> medians) {
        Map<String, Integer> runsPerCase = new LinkedHashMap<>();
        runs.forEach(r -> medians.apply(r.run()).keySet().forEach(c -> runsPerCase.merge(c.label(), 1, Integer::sum)));
        Set<String> cases = new LinkedHashSet<>();
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        for (LabelledRun r : runs) {
            medians.apply(r.run()).forEach((measured, values) -> {
                String label = runsPerCase.get(measured.label()) > 1 ? r.label() + "\n" + measured.barLabel()
                        : measured.barLabel();
                cases.add(label);
                values.forEach((s, median) -> bySeries.computeIfAbsent(s, m -> new LinkedHashMap<>()).put(label, median));
            });
        }
        List<BarSeries> series = new ArrayList<>();
        bySeries.forEach((s, medians2) -> series.add(new BarSeries(s, medians2)));
        return new Bars(List.copyOf(cases), series);
    }

    private static Map<Case, Map<String, Double>> mediansOf(BenchmarkRun run,
                                                            java.util.function.Predicate<BenchmarkRun.Row> counted,
                                                            Function<BenchmarkRun.Row, Case> caseOf,
                                                            Function<BenchmarkRun.Row, String> seriesOf,
                                                            java.util.function.ToDoubleFunction<BenchmarkRun.Row> value) {
        Map<Case, Map<String, List<BenchmarkRun.Row>>> grouped = new LinkedHashMap<>();
        for (BenchmarkRun.Row row : run.rows()) {
            if (counted.test(row)) {
                grouped.computeIfAbsent(caseOf.apply(row), k -> new LinkedHashMap<>())
                        .computeIfAbsent(seriesOf.apply(row), k -> new ArrayList<>()).add(row);
            }
        }
        Map<Case, Map<String, Double>> out = new LinkedHashMap<>();
        grouped.forEach((measured, bySeries) -> bySeries.forEach((series, rows) -> {
            boolean later = rows.stream().anyMatch(row -> row.cycle() >= 2);
            List<Double> values = rows.stream().filter(row -> !later || row.cycle() >= 2)
                    .map(row -> value.applyAsDouble(row)).toList();
            out.computeIfAbsent(measured, k -> new LinkedHashMap<>()).put(series, median(values));
        }));
        return out;
    }

    /** An extra column as a number; NaN when the run has no such column or the field is empty. */
    static Double extra(BenchmarkRun.Row row, String column) {
        String v = row.extras().getOrDefault(column, "").trim();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
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

    /** 12×, 8.4×, 0.8×, 0.06×; a dash when unknown. */
    static String speedupText(double speedup) {
        return Double.isNaN(speedup) || Double.isInfinite(speedup) ? "—"
                : String.format(Locale.ROOT, speedup >= 10 ? "%.0f×" : speedup >= 0.1 ? "%.1f×" : "%.2f×", speedup);
    }

    static String millisText(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : "%.1f ms", ms);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
