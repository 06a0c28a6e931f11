package io.trickle.dagviewer.demo;

import io.trickle.dagviewer.DagView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.jgrapht.ListenableGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The on-screen half of {@link LayoutBenchmark}: shows the large sample in a 1600×1000 window and reports
 *
 * <ol>
 *   <li>how long the first layout takes to reach the screen (cells created and measured, ELK, nodes placed;
 *       the pixels follow in the next pulse),</li>
 *   <li>how long a re-layout takes after one vertex and edge are added (the median of several),</li>
 *   <li>frames per second while the view pans and zooms on every frame: once with the whole graph in view, once
 *       at zoom 1. JavaFX draws at most 60 frames a second unless started with
 *       {@code -Djavafx.animation.fullspeed=true}.</li>
 * </ol>
 */
public final class FrameRateProbe extends Application {

    private static final int RELAYOUTS = 5;
    private static final double SECONDS_PER_PHASE = 8;

    private final DagView<String, DefaultEdge> view = new DagView<>();
    private final List<Double> relayoutMillis = new ArrayList<>();
    private ListenableGraph<String, DefaultEdge> graph;
    private long changedAt;
    private boolean firstLayoutShown;

    /** Takes the time of each layout's arrival on screen, then starts the next step. */
    private final ChangeListener<Boolean> layoutListener = (obs, was, pending) -> {
        if (!pending) {
            Platform.runLater(() -> layoutOnScreen((System.nanoTime() - changedAt) / 1e6));
        }
    };

    @Override
    public void start(Stage stage) {
        graph = SampleGraphs.generated(LayoutBenchmark.VERTICES, LayoutBenchmark.EDGES, LayoutBenchmark.CYCLES,
                LayoutBenchmark.SEED);
        Map<String, StringProperty> statuses = SampleDecorations.statuses(graph, 1);
        view.setStatusFactory(statuses::get);
        view.setSccLabelFactory(SampleDecorations.sccLabels(graph));
        stage.setScene(new Scene(view, 1600, 1000));
        stage.show();
        System.out.printf("display: glass %s, prism %s, full speed %s%n",
                System.getProperty("glass.platform", "default"), System.getProperty("prism.order", "default"),
                System.getProperty("javafx.animation.fullspeed", "false"));

        view.layoutPendingProperty().addListener(layoutListener);
        changedAt = System.nanoTime();
        view.setGraph(graph);
    }

    private void layoutOnScreen(double millis) {
        if (!firstLayoutShown) {
            firstLayoutShown = true;
            System.out.printf("first layout on screen:     %6.0f ms%n", millis);
        } else {
            relayoutMillis.add(millis);
        }
        if (relayoutMillis.size() < RELAYOUTS) {
            addOneVertex();
            return;
        }
        view.layoutPendingProperty().removeListener(layoutListener);
        System.out.printf("re-layout on screen:        %6.0f ms median of %d (min %.0f, max %.0f)%n",
                Statistics.median(relayoutMillis), relayoutMillis.size(), Statistics.min(relayoutMillis),
                Statistics.max(relayoutMillis));
        view.fitToView();
        measureFrames("whole graph in view", view.getZoom(), () -> measureFrames("zoom 1", 1.0, Platform::exit));
    }

    private void addOneVertex() {
        String added = "added_" + relayoutMillis.size();
        changedAt = System.nanoTime();
        graph.addVertex(added);
        graph.addEdge(graph.vertexSet().iterator().next(), added);
    }

    /** Pans and zooms around {@code zoom} on every frame for a while, then reports the frame rate. */
    private void measureFrames(String phase, double zoom, Runnable then) {
        double panX = view.panXProperty().get();
        double panY = view.panYProperty().get();
        List<Double> intervals = new ArrayList<>();
        new AnimationTimer() {
            private long first;
            private long last;

            @Override
            public void handle(long now) {
                if (first == 0) {
                    first = now;
                } else {
                    intervals.add((now - last) / 1e6);
                }
                last = now;
                double t = (now - first) / 1e9;
                view.setZoom(zoom * (1 + 0.25 * Math.sin(t * 1.7)));
                view.panXProperty().set(panX + 250 * Math.sin(t));
                view.panYProperty().set(panY + 150 * Math.cos(t * 0.8));
                if (t >= SECONDS_PER_PHASE) {
                    stop();
                    System.out.printf("frames, %-20s %6.1f fps (median frame %.1f ms, 95th percentile %.1f ms)%n",
                            phase + ":", intervals.size() / t, Statistics.median(intervals),
                            Statistics.percentile(intervals, 95));
                    then.run();
                }
            }
        }.start();
    }
}
