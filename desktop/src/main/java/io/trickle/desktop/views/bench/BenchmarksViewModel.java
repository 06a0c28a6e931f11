package io.trickle.desktop.views.bench;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.BenchmarkCsvReader;
import io.trickle.desktop.services.BenchmarkLibrary;
import io.trickle.desktop.services.BenchmarkRun;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.FileChoice;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.PngImage;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.bench.BenchmarkStats.Bars;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.views.bench.BenchmarkStats.CycleSeries;
import io.trickle.desktop.views.bench.BenchmarkStats.LabelledRun;
import io.trickle.desktop.views.bench.BenchmarkStats.Speedup;
import io.trickle.desktop.workbench.WorkbenchCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Benchmark runs opened from their CSV files (DESIGN §6) and the charts drawn from them: refresh
 * time by cycle for one scenario; REFRESH MATERIALIZED VIEW, pg_ivm and Trickle (or, in older runs,
 * FULL against the incremental modes) by scenario, size, change rate and path with the speedup;
 * capture's cost per changed row beside pg_ivm's; and the concurrent writers' latency percentiles.
 * Runs are named by their options and date. Several runs can be shown side by side; each can be
 * hidden without closing it. The files are remembered in the workspace and read again on the next start; a chart
 * can be exported as PNG. Files are read and written in background tasks.
 */
public final class BenchmarksViewModel {

    /** Which chart is in front, and so which one Export saves. */
    public enum Chart { BY_CYCLE, COMPARISON, CAPTURE, WRITERS }

    /** A run in the list: the run, what the charts call it, and whether it is shown. */
    public static final class RunItem {
        private final BenchmarkRun run;
        private final String label;
        private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);

        RunItem(BenchmarkRun run, String label) {
            this.run = run;
            this.label = label;
        }

        public BenchmarkRun run() {
            return run;
        }

        public String label() {
            return label;
        }

        public BooleanProperty shownProperty() {
            return shown;
        }

        /** "core-1pct.csv · 3 scenarios · 30 cycles". */
        public String summary() {
            long scenarios = run.rows().stream().map(BenchmarkRun.Row::scenario).distinct().count();
            return run.file().getFileName() + " · " + scenarios + (scenarios == 1 ? " scenario · " : " scenarios · ")
                    + run.rows().size() + " refreshes";
        }
    }

    private final BenchmarkLibrary library;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;

    private final ObservableList<RunItem> runs = FXCollections.observableArrayList(
            item -> new javafx.beans.Observable[] {item.shownProperty()});
    private final ObservableList<RunItem> readOnlyRuns = FXCollections.unmodifiableObservableList(runs);
    private final ObjectProperty<RunItem> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<String> scenarios = FXCollections.observableArrayList();
    private final StringProperty scenario = new SimpleStringProperty(this, "scenario");
    private final ObjectProperty<Chart> chart = new SimpleObjectProperty<>(this, "chart", Chart.BY_CYCLE);
    private final ReadOnlyObjectWrapper<List<CycleSeries>> cycleSeries =
            new ReadOnlyObjectWrapper<>(this, "cycleSeries", List.of());
    private final ReadOnlyObjectWrapper<Bars> bars = new ReadOnlyObjectWrapper<>(this, "bars", Bars.EMPTY);
    private final ReadOnlyObjectWrapper<Bars> captureBars = new ReadOnlyObjectWrapper<>(this, "captureBars", Bars.EMPTY);
    private final ReadOnlyObjectWrapper<Bars> writerBars = new ReadOnlyObjectWrapper<>(this, "writerBars", Bars.EMPTY);
    private final ObservableList<Speedup> speedups = FXCollections.observableArrayList();
    private final WorkbenchCommand open;
    private final WorkbenchCommand remove;
    private final WorkbenchCommand export;
    private final ObjectBinding<EmptyStates.Message> empty;
    private Supplier<PngImage> snapshot = () -> null;

    public BenchmarksViewModel(BenchmarkLibrary library, TaskExecutor tasks, DialogService dialogs,
                               NotificationService notices) {
        this.library = library;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        runs.addListener((ListChangeListener<RunItem>) change -> recompute());
        scenario.addListener((obs, old, now) -> recomputeCycles());
        open = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> true), this::open);
        remove = WorkbenchCommand.of(selected.isNotNull(), this::removeSelected);
        empty = Bindings.createObjectBinding(() -> runs.isEmpty()
                ? new EmptyStates.Message("No benchmark runs open", "Open the CSV files that trickle bench core or "
                        + "trickle bench tpch wrote (File ▸ Open Benchmark Runs…); they are remembered for the next start.")
                : runs.stream().noneMatch(r -> r.shown.get())
                ? new EmptyStates.Message("No run shown", "Tick a run in the list to plot it.") : null, runs);
        export = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> runs.stream().anyMatch(r -> r.shown.get()),
                runs), this::export);
    }

    // ---------------------------------------------------------------------------------------------
    // Opening and closing runs
    // ---------------------------------------------------------------------------------------------

    /** Reads the files the workspace remembers; a file that went away or broke is reported, not fatal. */
    public void load() {
        tasks.execute(BackgroundTask.of("Read remembered benchmark runs", context -> {
            List<Path> files = library.benchmarkFiles();
            return readAll(files, context);
        }).silent().onSuccess(this::opened));
    }

    /** Asks for CSV files, reads them and remembers them. */
    public void open() {
        dialogs.chooseFilesToOpen(new FileChoice("Open benchmark runs", "Benchmark CSV (trickle bench)", "csv", ""))
                .ifPresent(this::open);
    }

    /** Reads these CSV files and remembers those that could be read. */
    public void open(List<Path> files) {
        tasks.execute(BackgroundTask.of("Open " + (files.size() == 1 ? files.get(0).getFileName()
                : files.size() + " benchmark runs"), context -> {
            Read read = readAll(files, context);
            read.runs().forEach(run -> library.addBenchmarkFile(run.file()));
            return read;
        }).onSuccess(this::opened));
    }

    private record Read(List<BenchmarkRun> runs, List<String> problems) {
    }

    private static Read readAll(List<Path> files, io.trickle.desktop.services.TaskContext context) {
        List<BenchmarkRun> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Path file : files) {
            context.progress((double) n++ / files.size(), "Reading " + file.getFileName());
            try {
                read.add(BenchmarkCsvReader.read(file));
            } catch (Exception e) {
                problems.add(ErrorMessages.describe(e));
            }
        }
        return new Read(read, problems);
    }

    private void opened(Read read) {
        List<RunItem> added = new ArrayList<>();
        for (BenchmarkRun run : read.runs()) {
            Path file = run.file().toAbsolutePath().normalize();
            runs.removeIf(item -> item.run.file().toAbsolutePath().normalize().equals(file));
            RunItem item = new RunItem(run, labelFor(run));
            added.add(item);
        }
        runs.addAll(added);
        if (!added.isEmpty()) {
            selected.set(added.get(added.size() - 1));
        }
        if (!read.problems().isEmpty()) {
            notices.warning(read.problems().size() == 1 ? "Benchmark run not opened"
                    : read.problems().size() + " benchmark runs not opened", String.join("\n", read.problems()));
        }
    }

    /**
     * The run named by its options (sizes, change rates, paths, when it ran), with the file's name
     * after it when another open run reads the same.
     */
    private String labelFor(BenchmarkRun run) {
        String label = BenchmarkStats.labelOf(run);
        boolean clash = runs.stream().anyMatch(item -> item.label.equals(label) || item.label.startsWith(label + " ("));
        return clash ? label + " (" + run.file().getFileName() + ")" : label;
    }

    private void removeSelected() {
        RunItem item = selected.get();
        if (item == null) {
            return;
        }
        runs.remove(item);
        selected.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        Path file = item.run.file();
        tasks.execute(BackgroundTask.<Void>of("Forget benchmark run " + item.label, context -> {
            library.removeBenchmarkFile(file);
            return null;
        }).silent());
    }

    // ---------------------------------------------------------------------------------------------
    // The charts
    // ---------------------------------------------------------------------------------------------

    private List<LabelledRun> shown() {
        return runs.stream().filter(r -> r.shown.get()).map(r -> new LabelledRun(r.label, r.run)).toList();
    }

    private void recompute() {
        List<LabelledRun> shown = shown();
        List<String> now = BenchmarkStats.scenarios(shown);
        if (!now.equals(scenarios)) {
            String keep = scenario.get();
            scenarios.setAll(now);
            scenario.set(keep != null && now.contains(keep) ? keep : now.isEmpty() ? null : now.get(0));
        }
        recomputeCycles();
        bars.set(BenchmarkStats.bars(shown));
        speedups.setAll(BenchmarkStats.speedups(shown));
        captureBars.set(BenchmarkStats.captureBars(shown));
        writerBars.set(BenchmarkStats.writerBars(shown));
    }

    private void recomputeCycles() {
        String chosen = scenario.get();
        cycleSeries.set(chosen == null ? List.of() : BenchmarkStats.byCycle(shown(), chosen));
    }

    // ---------------------------------------------------------------------------------------------
    // Export
    // ---------------------------------------------------------------------------------------------

    /** How the view hands over the pixels of the chart in front; called on the FX thread. */
    public void setSnapshot(Supplier<PngImage> snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot);
    }

    /** Asks where to save the chart in front, takes its picture and writes it as PNG in the background. */
    public void export() {
        dialogs.chooseFileToSave(new FileChoice("Export chart as PNG", "PNG image", "png", suggestedName()))
                .ifPresent(this::export);
    }

    /** Writes the chart in front to {@code file}. */
    public void export(Path file) {
        PngImage image = snapshot.get();
        if (image == null) {
            dialogs.showError("Chart not exported", "There is no chart to export yet: open a benchmark run first.");
            return;
        }
        Path target = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? file
                : file.resolveSibling(file.getFileName() + ".png");
        tasks.execute(BackgroundTask.<Path>of("Export chart to " + target.getFileName(), context -> {
            image.write(target);
            return target;
        }).onSuccess(written -> notices.success("Chart exported", written.toString()))
                .onFailure(e -> dialogs.showError("Chart not exported", ErrorMessages.describe(e))));
    }

    /** benchmarks-by-cycle-scan.png, benchmarks-comparison.png, benchmarks-capture.png or benchmarks-writers.png. */
    String suggestedName() {
        return switch (chart.get()) {
            case BY_CYCLE -> scenario.get() == null ? "benchmarks-by-cycle.png"
                    : "benchmarks-by-cycle-" + scenario.get().replaceAll("[^A-Za-z0-9_-]", "_") + ".png";
            case COMPARISON -> "benchmarks-comparison.png";
            case CAPTURE -> "benchmarks-capture.png";
            case WRITERS -> "benchmarks-writers.png";
        };
    }

    // ---------------------------------------------------------------------------------------------
    // What the view binds to
    // ---------------------------------------------------------------------------------------------

    public ObservableList<RunItem> runs() {
        return readOnlyRuns;
    }

    public ObjectProperty<RunItem> selectedProperty() {
        return selected;
    }

    public ObservableList<String> scenarios() {
        return scenarios;
    }

    /** The scenario the by-cycle chart shows. */
    public StringProperty scenarioProperty() {
        return scenario;
    }

    public ObjectProperty<Chart> chartProperty() {
        return chart;
    }

    public ReadOnlyObjectProperty<List<CycleSeries>> cycleSeriesProperty() {
        return cycleSeries.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Bars> barsProperty() {
        return bars.getReadOnlyProperty();
    }

    /** Capture's cost per changed row beside pg_ivm's. */
    public ReadOnlyObjectProperty<Bars> captureBarsProperty() {
        return captureBars.getReadOnlyProperty();
    }

    /** The writers' latency percentiles. */
    public ReadOnlyObjectProperty<Bars> writerBarsProperty() {
        return writerBars.getReadOnlyProperty();
    }

    public ObservableList<Speedup> speedups() {
        return speedups;
    }

    /** Why there is nothing to plot, or null. */
    public ObjectBinding<EmptyStates.Message> emptyMessage() {
        return empty;
    }

    public WorkbenchCommand openCommand() {
        return open;
    }

    public WorkbenchCommand removeCommand() {
        return remove;
    }

    public WorkbenchCommand exportCommand() {
        return export;
    }

    /** Names of the series of the by-cycle chart, for tests. */
    List<String> cycleSeriesNames() {
        return cycleSeries.get().stream().map(CycleSeries::name).toList();
    }

    /** Median per case and series name, for tests. */
    Map<String, Map<String, Double>> barValues() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        bars.get().series().forEach(s -> out.put(s.name(), s.medianByCase()));
        return out;
    }
}
