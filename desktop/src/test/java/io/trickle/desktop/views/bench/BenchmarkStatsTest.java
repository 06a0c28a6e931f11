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
}
