package io.trickle.dagviewer.demo;

import io.trickle.dagviewer.DagView;
import io.trickle.dagviewer.StatusStyles;
import io.trickle.dagviewer.layout.EdgeStyle;
import io.trickle.dagviewer.layout.LayoutDirection;
import io.trickle.dagviewer.layout.LayoutOptions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.jgrapht.ListenableGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Shows the sample graphs in a window: pick a sample, switch direction and edge style, select, double-click,
 * right-click to change a status, add or remove vertices to see the re-layout, or let statuses change on their own.
 * Run with {@code mvn -pl dag-viewer javafx:run}; {@code -Djavafx.args=--sample=500} (or chain, diamond, cycle, 200)
 * picks the first sample.
 */
public final class DagViewerDemo extends Application {

    private static final Duration LIVE_STATUS_PERIOD = Duration.millis(250);

    /** A sample the user can pick, by name. */
    private record Sample(String name, Supplier<ListenableGraph<String, DefaultEdge>> graph) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final DagView<String, DefaultEdge> view = new DagView<>();
    private final Label status = new Label();
    private final Random random = new Random(1);
    private ListenableGraph<String, DefaultEdge> graph;
    private Map<String, StringProperty> statuses;
    private long layoutStarted;
    private int added;

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        view.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        view.setOnNodeDoubleClicked(vertex -> status.setText("double-clicked " + vertex));
        view.setOnNodeContextMenuRequested((vertex, event) ->
                statusMenu(vertex).show(view, event.getScreenX(), event.getScreenY()));
        view.layoutPendingProperty().addListener((obs, was, pending) -> layoutPendingChanged(pending));
        view.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> describe());

        BorderPane root = new BorderPane(view, toolBar(), null, status, null);
        BorderPane.setMargin(status, new Insets(4, 8, 4, 8));
        stage.setTitle("Trickle DAG viewer demo");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }

    private ToolBar toolBar() {
        ChoiceBox<Sample> samples = new ChoiceBox<>();
        samples.getItems().setAll(List.of(
                new Sample("Chain", SampleGraphs::chain),
                new Sample("Diamond", SampleGraphs::diamond),
                new Sample("Cycle in a DAG", SampleGraphs::cycleInDag),
                new Sample("200 vertices", () -> SampleGraphs.generated(200, 320, 4, 42)),
                new Sample("500 vertices, 1000 edges", () -> SampleGraphs.generated(500, 1000, 6, 7))));
        samples.valueProperty().addListener((obs, was, sample) -> show(sample));

        ChoiceBox<LayoutDirection> direction = choiceOf(LayoutDirection.values(),
                view.getLayoutOptions().direction(), d -> view.getLayoutOptions().withDirection(d));
        ChoiceBox<EdgeStyle> edges = choiceOf(EdgeStyle.values(),
                view.getLayoutOptions().edgeStyle(), e -> view.getLayoutOptions().withEdgeStyle(e));

        Button fit = new Button("Fit");
        fit.setOnAction(e -> view.fitToView());
        Button add = new Button("Add reader");
        add.setOnAction(e -> addReader());
        Button remove = new Button("Remove selected");
        remove.setOnAction(e -> List.copyOf(view.getSelectionModel().getSelectedItems()).forEach(graph::removeVertex));
        ToggleButton live = new ToggleButton("Live statuses");
        Timeline ticker = new Timeline(new KeyFrame(LIVE_STATUS_PERIOD, e -> changeARandomStatus()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        live.selectedProperty().addListener((obs, was, on) -> {
            if (on) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });

        samples.setValue(initialSample(samples.getItems()));
        return new ToolBar(samples, direction, edges, fit, add, remove, live);
    }

    /** The sample named (by its first word, case ignored) with {@code --sample=…}, else the cycle in a DAG. */
    private Sample initialSample(List<Sample> all) {
        String wanted = getParameters().getNamed().getOrDefault("sample", "cycle");
        return all.stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(all.get(2));
    }

    private void show(Sample sample) {
        graph = sample.graph().get();
        statuses = SampleDecorations.statuses(graph, 1);
        view.setStatusFactory(statuses::get);
        view.setSccLabelFactory(SampleDecorations.sccLabels(graph));
        view.setGraph(graph);
    }

    /** Adds a vertex that reads the selected one (or a random one), to show an incremental re-layout. */
    private void addReader() {
        String source = view.getSelectionModel().getSelectedItem();
        if (source == null) {
            List<String> all = List.copyOf(graph.vertexSet());
            source = all.get(random.nextInt(all.size()));
        }
        String reader = "added_" + (++added);
        statuses.put(reader, new SimpleStringProperty(StatusStyles.REFRESHING.styleClass()));
        graph.addVertex(reader);
        graph.addEdge(source, reader);
        view.getSelectionModel().clearAndSelect(reader);
    }

    /** A choice of layout option; picking one lays the graph out with the options {@code change} makes. */
    private <T extends Enum<T>> ChoiceBox<T> choiceOf(T[] values, T initial, Function<T, LayoutOptions> change) {
        ChoiceBox<T> choice = new ChoiceBox<>();
        choice.setConverter(readable());
        choice.getItems().setAll(values);
        choice.setValue(initial);
        choice.valueProperty().addListener((obs, was, now) -> view.setLayoutOptions(change.apply(now)));
        return choice;
    }

    /** Shows an enum constant as words: LEFT_TO_RIGHT as "left to right". */
    private static <T extends Enum<T>> StringConverter<T> readable() {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("choices are not typed in");
            }
        };
    }

    private void changeARandomStatus() {
        List<String> all = List.copyOf(statuses.keySet());
        StatusStyles[] values = StatusStyles.values();
        statuses.get(all.get(random.nextInt(all.size()))).set(values[random.nextInt(values.length)].styleClass());
    }

    private ContextMenu statusMenu(String vertex) {
        ContextMenu menu = new ContextMenu();
        for (StatusStyles s : StatusStyles.values()) {
            MenuItem item = new MenuItem("Mark " + s.styleClass());
            item.setOnAction(e -> view.getSelectionModel().getSelectedItems()
                    .forEach(v -> statuses.get(v).set(s.styleClass())));
            menu.getItems().add(item);
        }
        MenuItem focus = new MenuItem("Focus on " + vertex);
        focus.setOnAction(e -> view.focusOn(vertex));
        menu.getItems().addAll(new SeparatorMenuItem(), focus);
        return menu;
    }

    private void layoutPendingChanged(boolean pending) {
        if (pending) {
            layoutStarted = System.nanoTime();
        } else {
            status.setText(String.format("%d vertices, %d edges · on screen %d ms after the change",
                    graph.vertexSet().size(), graph.edgeSet().size(), (System.nanoTime() - layoutStarted) / 1_000_000));
        }
    }

    private void describe() {
        String selected = view.getSelectionModel().getSelectedItem();
        if (selected != null) {
            status.setText("selected " + view.getSelectionModel().getSelectedItems()
                    + " · status of " + selected + ": " + statuses.get(selected).get());
        }
    }
}
