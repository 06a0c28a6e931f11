package io.trickle.desktop.views.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.BenchmarkRun;
import io.trickle.desktop.views.bench.BenchmarkStats.LabelledRun;
import io.trickle.desktop.views.bench.BenchmarkStats.Speedup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkStatsTest {

    /** A run with cycles 1–3 of each scenario and mode, refresh times given per cycle. */
    static BenchmarkRun run(String id, long rows, double pct, Object... scenarioModeAndTimes) {
        List<BenchmarkRun.Row> out = new ArrayList<>();
        for (int k = 0; k < scenarioModeAndTimes.length; k += 2) {
            String[] parts = ((String) scenarioModeAndTimes[k]).split(" ");
            double[] times = (double[]) scenarioModeAndTimes[k + 1];
            for (int cycle = 1; cycle <= times.length; cycle++) {
                out.add(new BenchmarkRun.Row(id, Instant.parse("2026-03-01T10:00:00Z"), parts[0], rows, pct, parts[1],
                        cycle, times[cycle - 1], 10, rows, 0, Map.of()));
            }
        }
        return new BenchmarkRun(Path.of(id + ".csv"), id, Instant.parse("2026-03-01T10:00:00Z"), out, List.of());
    }

    private final BenchmarkRun small = run("a", 20_000, 1,
            "scan FULL", new double[] {90, 40, 44, 42}, "scan DIFFERENTIAL", new double[] {30, 4, 6, 5});
    private final BenchmarkRun tpch = run("b", 600_000, 0.5,
            "q01 FULL", new double[] {300, 200, 220}, "q01 AUTO", new double[] {50, 10, 30});

    @Test
    void mediansLeaveTheWarmUpCycleOut() {
        assertEquals(Map.of("FULL", 42.0, "DIFFERENTIAL", 5.0),
                BenchmarkStats.medians(small).get(new BenchmarkStats.Case("scan", 20_000, 1)));
        BenchmarkRun single = run("c", 10, 1, "scan FULL", new double[] {7});
        assertEquals(7.0, BenchmarkStats.medians(single).values().iterator().next().get("FULL"),
                "a run of one cycle keeps it");
    }

    @Test
    void speedupIsFullOverEachIncrementalMode() {
        List<Speedup> speedups = BenchmarkStats.speedups(List.of(new LabelledRun("A", small), new LabelledRun("B", tpch)));
        assertEquals(2, speedups.size());
        assertEquals(8.4, speedups.get(0).speedup(), 1e-9);
        assertEquals("DIFFERENTIAL", speedups.get(0).mode());
        assertEquals("AUTO", speedups.get(1).mode());
        assertEquals(10.5, speedups.get(1).speedup(), 1e-9);
        assertEquals("8.4×", BenchmarkStats.speedupText(8.4));
        assertEquals("11×", BenchmarkStats.speedupText(10.5));
        assertEquals("—", BenchmarkStats.speedupText(Double.NaN));
        assertEquals("0.06×", BenchmarkStats.speedupText(0.06));
    }

    @Test
    void barsHaveACasePerScenarioSizeAndChangeRateAndASeriesPerMode() {
        BenchmarkStats.Bars bars = BenchmarkStats.bars(List.of(new LabelledRun("A", small), new LabelledRun("B", tpch)));
        assertEquals(List.of("scan\n20k · 1 %", "q01\n600k · 0.5 %"), bars.cases());
        assertEquals(List.of("FULL", "DIFFERENTIAL", "AUTO"),
                bars.series().stream().map(BenchmarkStats.BarSeries::name).toList());
        assertEquals(Map.of("scan\n20k · 1 %", 42.0, "q01\n600k · 0.5 %", 210.0), bars.series().get(0).medianByCase());
    }

    @Test
    void aCaseMeasuredByTwoRunsIsShownOncePerRun() {
        BenchmarkRun again = run("c", 20_000, 1, "scan FULL", new double[] {50, 60});
        BenchmarkStats.Bars bars = BenchmarkStats.bars(List.of(new LabelledRun("A", small), new LabelledRun("C", again)));
        assertEquals(List.of("A\nscan\n20k · 1 %", "C\nscan\n20k · 1 %"), bars.cases());
    }

    @Test
    void cycleSeriesFollowOneScenarioAcrossRuns() {
        BenchmarkRun other = run("c", 20_000, 10, "scan FULL", new double[] {50, 60});
        List<BenchmarkStats.CycleSeries> series = BenchmarkStats.byCycle(
                List.of(new LabelledRun("A", small), new LabelledRun("C", other)), "scan");
        assertEquals(List.of("A · FULL", "A · DIFFERENTIAL", "C · FULL"),
                series.stream().map(BenchmarkStats.CycleSeries::name).toList());
        assertEquals(4, series.get(0).points().size());
        assertEquals(new BenchmarkStats.Point(2, 40), series.get(0).points().get(1));
        assertTrue(BenchmarkStats.byCycle(List.of(new LabelledRun("B", tpch)), "scan").isEmpty());
    }

    @Test
    void sizesAndRatesReadShort() {
        assertEquals("950", BenchmarkStats.rowsText(950));
        assertEquals("200k", BenchmarkStats.rowsText(200_000));
        assertEquals("1.5M", BenchmarkStats.rowsText(1_500_000));
        assertEquals("10 %", BenchmarkStats.percentText(10));
        assertEquals("42.0 ms", BenchmarkStats.millisText(42));
        assertEquals("207 ms", BenchmarkStats.millisText(207.4));
    }

    /** A row of the suite: a baseline and a path in the extra columns, and more extras as given. */
    static BenchmarkRun.Row suiteRow(String scenario, long rows, double pct, String baseline, String mode, String path,
                                     int cycle, double ms, Map<String, String> more) {
        Map<String, String> extras = new java.util.HashMap<>(more);
        extras.put("baseline", baseline);
        extras.put("path", path);
        return new BenchmarkRun.Row("core-1", Instant.parse("2026-12-07T20:07:00Z"), scenario, rows, pct, mode, cycle, ms,
                10, rows, scenario.equals("writers") ? Integer.parseInt(more.getOrDefault("n", "1")) : 0, extras);
    }

    private static BenchmarkRun suite() {
        List<BenchmarkRun.Row> rows = new ArrayList<>();
        for (int cycle = 1; cycle <= 3; cycle++) {
            for (String path : List.of("cli", "daemon")) {
                rows.add(suiteRow("scan", 100_000, 1, "refresh_mv", "FULL", path, cycle, 200, Map.of()));
                rows.add(suiteRow("scan", 100_000, 1, "pg_ivm", "IMMEDIATE", path, cycle, 30,
                        Map.of("capture_us_per_row", "30")));
                rows.add(suiteRow("scan", 100_000, 1, "full", "FULL", path, cycle, 400, Map.of()));
                rows.add(suiteRow("scan", 100_000, 1, "trickle", "DIFFERENTIAL", path, cycle, cycle == 1 ? 900 : 20,
                        Map.of("capture_us_per_row", path.equals("cli") ? "4" : "6")));
            }
            rows.add(suiteRow("capture_60col", 100_000, 10, "plain", "NONE", "api", cycle, 0, Map.of()));
            rows.add(suiteRow("capture_60col", 100_000, 10, "trickle", "DIFFERENTIAL", "api", cycle, 50,
                    Map.of("capture_us_per_row", "8")));
        }
        rows.add(suiteRow("writers", 100_000, 0, "plain", "NONE", "daemon", 1, 0,
                Map.of("n", "4", "latency_p50_ms", "1", "latency_p95_ms", "3", "latency_p99_ms", "5")));
        rows.add(suiteRow("writers", 100_000, 0, "trickle", "DIFFERENTIAL", "daemon", 1, 12,
                Map.of("n", "4", "latency_p50_ms", "2", "latency_p95_ms", "4", "latency_p99_ms", "9")));
        return new BenchmarkRun(Path.of("suite.csv"), "core-1", Instant.parse("2026-12-07T20:07:00Z"), rows,
                List.of("baseline", "path"));
    }

    @Test
    void theSuitesRunsCompareEachKindOfMaintenanceWithRefreshMaterializedView() {
        List<LabelledRun> runs = List.of(new LabelledRun("S", suite()));
        BenchmarkStats.Bars bars = BenchmarkStats.bars(runs);
        assertEquals(List.of("scan\n100k · 1 % · cli", "scan\n100k · 1 % · daemon"), bars.cases(),
                "the capture statements have a chart of their own");
        assertEquals(List.of("REFRESH MV", "pg_ivm", "Trickle FULL", "Trickle DIFFERENTIAL"),
                bars.series().stream().map(BenchmarkStats.BarSeries::name).toList(), "no bar for the bare DML or the writers");
        List<Speedup> speedups = BenchmarkStats.speedups(runs);
        Speedup trickle = speedups.stream().filter(s -> s.mode().equals("Trickle DIFFERENTIAL")
                && s.measured().path().equals("cli")).findFirst().orElseThrow();
        assertEquals("REFRESH MV", trickle.reference());
        assertEquals(10.0, trickle.speedup(), 1e-9, "200 ms against 20 ms, cycle 1 left out");
        List<BenchmarkStats.CycleSeries> lines = BenchmarkStats.byCycle(runs, "scan");
        assertTrue(lines.stream().filter(l -> l.name().contains("REFRESH MV")).allMatch(BenchmarkStats.CycleSeries::recomputes));
        assertTrue(lines.stream().filter(l -> l.name().contains("Trickle DIFFERENTIAL")).noneMatch(BenchmarkStats.CycleSeries::recomputes));
    }

    @Test
    void captureIsPerChangedRowBesidePgIvmAndWritersArePercentiles() {
        List<LabelledRun> runs = List.of(new LabelledRun("S", suite()));
        BenchmarkStats.Bars capture = BenchmarkStats.captureBars(runs);
        assertEquals(List.of("scan\n100k · 1 %", "capture_60col\n100k · 10 %"), capture.cases());
        assertEquals(Map.of("scan\n100k · 1 %", 5.0, "capture_60col\n100k · 10 %", 8.0),
                capture.series().stream().filter(s -> s.name().equals("Trickle capture")).findFirst().orElseThrow()
                        .medianByCase(), "the median over both paths");
        assertEquals(30.0, capture.series().stream().filter(s -> s.name().equals("pg_ivm maintenance")).findFirst()
                .orElseThrow().medianByCase().get("scan\n100k · 1 %"));
        BenchmarkStats.Bars writers = BenchmarkStats.writerBars(runs);
        assertEquals(List.of("no maintenance\n4 writers", "Trickle\n4 writers"), writers.cases());
        assertEquals(List.of("latency p50", "latency p95", "latency p99"),
                writers.series().stream().map(BenchmarkStats.BarSeries::name).toList());
        assertEquals(9.0, writers.series().get(2).medianByCase().get("Trickle\n4 writers"));
        assertEquals("Trickle capture", capture.series().get(0).name(), "Trickle's colour comes first");
    }

    @Test
    void aRunIsNamedByItsOptionsAndDate() {
        assertEquals("100k · 1 % · cli, daemon · 2026-12-07 20:07", BenchmarkStats.labelOf(suite()));
        assertEquals("20k · 1 % · 2026-03-01 10:00", BenchmarkStats.labelOf(small));
    }
}
