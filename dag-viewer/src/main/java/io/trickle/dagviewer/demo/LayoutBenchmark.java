package io.trickle.dagviewer.demo;

import io.trickle.dagviewer.layout.EdgeStyle;
import io.trickle.dagviewer.layout.LayeredLayout;
import io.trickle.dagviewer.layout.LayoutOptions;
import io.trickle.dagviewer.layout.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.application.Application;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Measures the viewer on the large sample (500 vertices, 1000 edges, 6 cycles): first ELK layout time alone,
 * without a display, then, in a window, the time from a change to the new layout on screen and the frame rate
 * while panning and zooming (see {@link FrameRateProbe}). Not a test: run it on demand with
 * {@code mvn -q -pl dag-viewer -Pbenchmark compile exec:exec}.
 */
public final class LayoutBenchmark {

    static final int VERTICES = 500;
    static final int EDGES = 1000;
    static final int CYCLES = 6;
    static final long SEED = 7;
    private static final int WARM_UP_RUNS = 5;
    private static final int MEASURED_RUNS = 15;
    /** Roughly what the default cell needs: 7 px per character of 12 px text plus padding, 25 px high. */
    private static final Function<String, Size> NODE_SIZES = name -> new Size(7 * name.length() + 24, 25);

    private LayoutBenchmark() {
    }

    static Graph<String, DefaultEdge> largeSample() {
        return SampleGraphs.generated(VERTICES, EDGES, CYCLES, SEED);
    }

    public static void main(String[] args) {
        Graph<String, DefaultEdge> graph = largeSample();
        System.out.printf("graph: %d vertices, %d edges; %d warm-up and %d measured layouts per style%n",
                graph.vertexSet().size(), graph.edgeSet().size(), WARM_UP_RUNS, MEASURED_RUNS);
        for (EdgeStyle style : EdgeStyle.values()) {
            LayeredLayout layout = new LayeredLayout(LayoutOptions.DEFAULT.withEdgeStyle(style));
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                layout.layout(graph, NODE_SIZES);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < MEASURED_RUNS; i++) {
                long start = System.nanoTime();
                layout.layout(graph, NODE_SIZES);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            System.out.printf("ELK layout, %-10s median %6.1f ms  min %6.1f  max %6.1f%n",
                    style, Statistics.median(millis), Statistics.min(millis), Statistics.max(millis));
        }
        Application.launch(FrameRateProbe.class, args);
    }
}
