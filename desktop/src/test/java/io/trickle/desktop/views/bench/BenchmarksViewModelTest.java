package io.trickle.desktop.views.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.BenchmarkLibrary;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.PngImage;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksViewModelTest {

    static final Path ONE_PCT = Path.of("src/test/resources/bench/core-200k-1pct.csv").toAbsolutePath();
    static final Path TEN_PCT = Path.of("src/test/resources/bench/core-200k-10pct.csv").toAbsolutePath();

    @TempDir
    Path folder;

    private final List<Path> remembered = new ArrayList<>();
    private final BenchmarkLibrary library = new BenchmarkLibrary() {
        @Override
        public List<Path> benchmarkFiles() {
            return List.copyOf(remembered);
        }

        @Override
        public void addBenchmarkFile(Path file) {
            if (!remembered.contains(file)) {
                remembered.add(file);
            }
        }

        @Override
        public void removeBenchmarkFile(Path file) {
            remembered.remove(file);
        }
    };
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final RecordingNotificationService notices = new RecordingNotificationService();
    private final BenchmarksViewModel model = new BenchmarksViewModel(library, new DirectTaskExecutor(), dialogs, notices);

    @Test
    void startsEmptyAndSaysHowToOpenARun() {
        assertEquals("No benchmark runs open", model.emptyMessage().get().title());
        assertFalse(model.exportCommand().canExecute());
        assertFalse(model.removeCommand().canExecute());
    }

    @Test
    void opensTwoRunsSideBySideAndRemembersThem() {
        dialogs.chooseFiles(ONE_PCT, TEN_PCT);
        model.openCommand().execute();

        assertEquals(2, model.runs().size());
        assertEquals(List.of(ONE_PCT, TEN_PCT), remembered);
        assertEquals("200k · 1 % · 2026-11-24 14:44", model.runs().get(0).label(), "named by its options and date");
        assertNull(model.emptyMessage().get());
        assertEquals(List.of("scan", "aggregate", "join", "no_change"), model.scenarios());
        assertEquals("scan", model.scenarioProperty().get());
        String a = model.runs().get(0).label();
        String b = model.runs().get(1).label();
        assertEquals(List.of(a + " · DIFFERENTIAL", a + " · FULL", b + " · DIFFERENTIAL", b + " · FULL"),
                model.cycleSeriesNames());
        assertEquals(List.of("scan\n200k · 1 %", "aggregate\n200k · 1 %", "join\n200k · 1 %",
                a + "\nno_change\n200k · 0 %", "scan\n200k · 10 %", "aggregate\n200k · 10 %", "join\n200k · 10 %",
                b + "\nno_change\n200k · 0 %"), model.barsProperty().get().cases());
        assertEquals(List.of("DIFFERENTIAL", "FULL", "NO_DATA"), List.copyOf(model.barValues().keySet()));
        assertEquals(6, model.speedups().size(), "three scenarios of two runs have FULL and DIFFERENTIAL");
        assertTrue(model.speedups().stream().anyMatch(s -> s.speedup() > 1));
    }

    @Test
    void aHiddenRunLeavesTheChartsAndTheScenarioChoiceFollows() {
        model.open(List.of(ONE_PCT, TEN_PCT));
        model.runs().get(0).shownProperty().set(false);
        assertEquals(2, model.cycleSeriesNames().size());
        assertEquals(3, model.speedups().size());
        model.scenarioProperty().set("join");
        assertTrue(model.cycleSeriesNames().stream().allMatch(n -> n.startsWith(model.runs().get(1).label())));
        model.runs().get(1).shownProperty().set(false);
        assertEquals("No run shown", model.emptyMessage().get().title());
    }

    @Test
    void closingARunForgetsIt() {
        model.open(List.of(ONE_PCT, TEN_PCT));
        model.selectedProperty().set(model.runs().get(0));
        model.removeCommand().execute();
        assertEquals(1, model.runs().size());
        assertEquals(List.of(TEN_PCT), remembered);
    }

    @Test
    void rememberedRunsComeBackAndBrokenFilesAreReported() throws Exception {
        Path broken = folder.resolve("broken.csv");
        Files.writeString(broken, "name,value\na,1\n");
        remembered.add(ONE_PCT);
        remembered.add(broken);
        model.load();
        assertEquals(1, model.runs().size());
        assertEquals(List.of("Benchmark run not opened"), notices.titles());
        assertTrue(notices.notices().get(0).message().contains("roken.csv is not a benchmark CSV"));
    }

    @Test
    void openingTheSameFileAgainReplacesIt() {
        model.open(List.of(ONE_PCT));
        model.open(List.of(ONE_PCT));
        assertEquals(1, model.runs().size());
    }

    @Test
    void exportsTheChartInFrontAsPng() throws Exception {
        model.open(List.of(ONE_PCT));
        model.setSnapshot(() -> new PngImage(2, 1, new int[] {0xFF112233, 0xFFFFFFFF}));
        assertEquals("benchmarks-by-cycle-scan.png", model.suggestedName());
        Path target = folder.resolve("chart");
        dialogs.chooseFiles(target);
        model.exportCommand().execute();
        Path written = folder.resolve("chart.png");
        assertTrue(Files.size(written) > 0);
        assertEquals("png", dialogs.fileChoices().get(0).extension());
        assertEquals(List.of("Chart exported"), notices.titles());
        model.chartProperty().set(BenchmarksViewModel.Chart.COMPARISON);
        assertEquals("benchmarks-comparison.png", model.suggestedName());
        model.chartProperty().set(BenchmarksViewModel.Chart.WRITERS);
        assertEquals("benchmarks-writers.png", model.suggestedName());
    }
}
