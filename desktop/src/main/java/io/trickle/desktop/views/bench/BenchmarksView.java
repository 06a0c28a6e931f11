package io.trickle.desktop.views.bench;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.services.PngImage;
import io.trickle.desktop.views.bench.BenchmarkStats.Bars;
import io.trickle.desktop.views.bench.BenchmarkStats.CycleSeries;
import io.trickle.desktop.views.bench.BenchmarkStats.Speedup;
import io.trickle.desktop.views.bench.BenchmarksViewModel.Chart;
import io.trickle.desktop.views.bench.BenchmarksViewModel.RunItem;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.ViewPart;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Benchmark runs and their charts: the open runs on the left (tick to show), and on the right refresh
 * time by cycle for one scenario; REFRESH MATERIALIZED VIEW, pg_ivm and Trickle by scenario, size,
 * change rate and path with a table of speedups; capture's cost per row beside pg_ivm's; and the
 * writers' latency percentiles. The toolbar opens CSV files, closes a run and exports the chart in
 * front as PNG.
 */
public final class BenchmarksView implements ViewPart {

    public static final String ID = "benchmarks";
    private static final PseudoClass SLOWER = PseudoClass.getPseudoClass("slower");
    /** Recomputations (FULL, REFRESH MATERIALIZED VIEW) are drawn dashed, incremental refreshes solid. */
    private static final String FULL_LINE = "-fx-stroke-dash-array: 8 5;";

    private final BenchmarksViewModel model;
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> byCycle;
    private final BarChart<String, Number> comparison;
    private final BarChart<String, Number> capture;
    private final BarChart<String, Number> writers;
    private final TabPane charts = new TabPane();

    public BenchmarksView(BenchmarksViewModel model, CommandControls controls) {
        this.model = model;
        byCycle = byCycleChart();
        comparison = barChart("bench-comparison-chart", "scenario · rows · change per cycle · path",
                "median refresh time (ms)");
        capture = barChart("bench-capture-chart", "scenario · rows · change per cycle",
                "median cost per changed row (µs)");
        writers = barChart("bench-writers-chart", "maintenance · concurrent writers", "write latency (ms)");

        Tab cycles = new Tab("Refresh time by cycle", byCycle);
        cycles.setId("tab-bench-by-cycle");
        VBox compare = new VBox(comparison, speedupTable());
        VBox.setVgrow(comparison, Priority.ALWAYS);
        Tab versus = new Tab("Trickle against recomputing", compare);
        versus.setId("tab-bench-comparison");
        Tab captureTab = new Tab("Capture overhead", capture);
        captureTab.setId("tab-bench-capture");
        Tab writersTab = new Tab("Writers", writers);
        writersTab.setId("tab-bench-writers");
        charts.getTabs().addAll(cycles, versus, captureTab, writersTab);
        charts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        charts.getStyleClass().add(Styles.DENSE);
        charts.setId("bench-charts");
        charts.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) ->
                model.chartProperty().set(Chart.values()[now.intValue()]));
        model.chartProperty().addListener((obs, old, now) -> charts.getSelectionModel().select(now.ordinal()));

        EmptyStateView empty = new EmptyStateView("fth-bar-chart-2", model.emptyMessage());
        charts.visibleProperty().bind(model.emptyMessage().isNull());
        SplitPane split = new SplitPane(runList(), new StackPane(charts, empty.node()));
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setTop(toolbar(controls));
        root.setCenter(split);
        root.getStyleClass().add("benchmarks-view");
        root.setId("benchmarks-view");

        model.cycleSeriesProperty().addListener((obs, old, now) -> showCycles(now));
        model.barsProperty().addListener((obs, old, now) -> showBars(comparison, now,
                "Median refresh time (cycles 2 and later)"));
        model.captureBarsProperty().addListener((obs, old, now) -> showBars(capture, now,
                "What maintenance costs the writer per changed row"));
        model.writerBarsProperty().addListener((obs, old, now) -> showBars(writers, now,
                "One-row transactions under concurrent writers"));
        showCycles(model.cycleSeriesProperty().get());
        showBars(comparison, model.barsProperty().get(), "Median refresh time (cycles 2 and later)");
        showBars(capture, model.captureBarsProperty().get(), "What maintenance costs the writer per changed row");
        showBars(writers, model.writerBarsProperty().get(), "One-row transactions under concurrent writers");
        model.setSnapshot(this::snapshotOfChartInFront);
    }

    private Node toolbar(CommandControls controls) {
        ComboBox<String> scenario = new ComboBox<>(model.scenarios());
        scenario.valueProperty().bindBidirectional(model.scenarioProperty());
        scenario.setId("bench-scenario");
        scenario.getStyleClass().add(Styles.SMALL);
        scenario.disableProperty().bind(model.chartProperty().isNotEqualTo(Chart.BY_CYCLE));
        Label caption = new Label("Scenario");
        caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(controls.button(CommandId.OPEN_BENCHMARKS), controls.button(CommandId.CLOSE_BENCHMARK),
                new Separator(Orientation.VERTICAL), controls.button(CommandId.EXPORT_CHART), spring, caption, scenario);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private Node runList() {
        ListView<RunItem> list = new ListView<>(model.runs());
        list.setId("bench-runs");
        list.getStyleClass().addAll(Styles.DENSE, "bench-runs");
        list.setCellFactory(l -> new RunCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        list.setPlaceholder(new Label(""));
        list.setMinWidth(180);
        return list;
    }

    private static LineChart<Number, Number> byCycleChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("cycle");
        x.setForceZeroInRange(false);
        x.setAutoRanging(false);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("refresh time (ms)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setId("bench-by-cycle-chart");
        chart.getStyleClass().add("bench-chart");
        return chart;
    }

    private static BarChart<String, Number> barChart(String id, String xLabel, String yLabel) {
        CategoryAxis x = new CategoryAxis();
        x.setLabel(xLabel);
        x.setTickLabelRotation(0);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setAnimated(false);
        chart.setCategoryGap(18);
        chart.setBarGap(2);
        chart.setId(id);
        chart.getStyleClass().add("bench-chart");
        return chart;
    }

    private TableView<Speedup> speedupTable() {
        TableView<Speedup> table = new TableView<>(model.speedups());
        table.setId("bench-speedups");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "bench-speedups");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No run has a reference (REFRESH MV or FULL) and another refresh of one scenario"));
        table.setPrefHeight(170);
        table.setMinHeight(110);
        table.getColumns().addAll(List.of(
                column("Run", 150, Speedup::run),
                column("Scenario", 110, s -> s.measured().scenario()),
                column("Rows", 70, s -> BenchmarkStats.rowsText(s.measured().rows())),
                column("Change", 70, s -> BenchmarkStats.percentText(s.measured().changePct())),
                column("Reference", 100, s -> s.reference() + " " + BenchmarkStats.millisText(s.referenceMs())),
                column("Maintenance", 140, Speedup::mode),
                column("Median", 80, s -> BenchmarkStats.millisText(s.medianMs())),
                speedupColumn()));
        return table;
    }

    private static TableColumn<Speedup, String> column(String title, double width, Function<Speedup, String> value) {
        TableColumn<Speedup, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    /** The speedup, marked when the maintenance was slower than the reference. */
    private static TableColumn<Speedup, String> speedupColumn() {
        TableColumn<Speedup, String> c = column("Speedup", 80, s -> BenchmarkStats.speedupText(s.speedup()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                Speedup s = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                pseudoClassStateChanged(SLOWER, s != null && s.speedup() < 1);
            }
        });
        c.getStyleClass().add("bench-speedup");
        return c;
    }

    private void showCycles(List<CycleSeries> series) {
        byCycle.getData().clear();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (CycleSeries s : series) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(s.name());
            for (BenchmarkStats.Point p : s.points()) {
                line.getData().add(new XYChart.Data<>(p.cycle(), p.refreshMs()));
                first = Math.min(first, p.cycle());
                last = Math.max(last, p.cycle());
            }
            if (s.recomputes()) {
                // The chart resets its series' style classes as series come and go, but not their style.
                line.nodeProperty().addListener((obs, old, node) -> node.setStyle(FULL_LINE));
            }
            byCycle.getData().add(line);
        }
        NumberAxis x = (NumberAxis) byCycle.getXAxis();
        if (first <= last) {
            // Whole cycles only, with a cycle's room on either side so the end points are not cut.
            x.setAutoRanging(false);
            x.setLowerBound(first - 1);
            x.setUpperBound(last + 1);
            int from = first;
            int to = last;
            x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Number n) {
                    return n.intValue() < from || n.intValue() > to ? "" : Integer.toString(n.intValue());
                }

                @Override
                public Number fromString(String text) {
                    return Integer.valueOf(text);
                }
            });
        }
        String scenario = model.scenarioProperty().get();
        byCycle.setTitle(scenario == null ? null : "Refresh time by cycle · " + scenario);
    }

    private static void showBars(BarChart<String, Number> chart, Bars bars, String title) {
        chart.getData().clear();
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(bars.cases());
        for (BenchmarkStats.BarSeries s : bars.series()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            s.medianByCase().forEach((c, v) -> {
                if (!Double.isNaN(v)) {
                    series.getData().add(new XYChart.Data<>(c, v));
                }
            });
            chart.getData().add(series);
        }
        chart.setTitle(bars.cases().isEmpty() ? null : title);
    }

    /** The pixels of the chart in front (the by-cycle chart, or the comparison with its table). */
    private PngImage snapshotOfChartInFront() {
        if (model.emptyMessage().get() != null) {
            return null;
        }
        Node target = switch (model.chartProperty().get()) {
            case BY_CYCLE -> byCycle;
            case COMPARISON -> comparison.getParent();
            case CAPTURE -> capture;
            case WRITERS -> writers;
        };
        WritableImage image = target.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        if (w == 0 || h == 0) {
            return null;
        }
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new PngImage(w, h, argb);
    }

    /** A run: a box to show or hide it, its label, and what the file holds. */
    private static final class RunCell extends ListCell<RunItem> {
        private final CheckBox shown = new CheckBox();
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(6, shown, new VBox(1, name, detail));
        private RunItem bound;

        RunCell() {
            name.getStyleClass().add(Styles.TEXT_BOLD);
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(RunItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                shown.selectedProperty().unbindBidirectional(bound.shownProperty());
                bound = null;
            }
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            bound = item;
            shown.selectedProperty().bindBidirectional(item.shownProperty());
            name.setText(item.label());
            detail.setText(item.summary());
            setId("bench-run-" + item.label().replaceAll("[^A-Za-z0-9_-]", "_"));
            setGraphic(box);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Benchmarks";
    }

    @Override
    public String icon() {
        return "fth-bar-chart-2";
    }

    @Override
    public Node node() {
        return root;
    }
}
