package io.trickle.dagviewer.demo;

import io.trickle.dagviewer.StatusStyles;
import io.trickle.dagviewer.layout.StrongComponents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.jgrapht.Graph;

/** Statuses and cycle labels for the sample graphs, as an application would supply them to a DagView. */
public final class SampleDecorations {

    /** How often each status turns up in a large sample, in percent, in {@link StatusStyles} order. */
    private static final int[] STATUS_WEIGHTS = {70, 12, 4, 4, 4, 6};

    private SampleDecorations() {
    }

    /**
     * One changeable status per vertex. Small graphs go through every status in turn so that their pictures show
     * them all; large ones get mostly {@code fresh}, drawn at random from a fixed seed.
     */
    public static <V> Map<V, StringProperty> statuses(Graph<V, ?> graph, long seed) {
        List<StatusStyles> all = List.of(StatusStyles.values());
        Random random = new Random(seed);
        boolean small = graph.vertexSet().size() <= 2 * all.size();
        Map<V, StringProperty> statuses = new LinkedHashMap<>();
        int i = 0;
        for (V vertex : graph.vertexSet()) {
            StatusStyles status = small ? all.get(i++ % all.size()) : weighted(random);
            statuses.put(vertex, new SimpleStringProperty(status.styleClass()));
        }
        return statuses;
    }

    /** Labels like "SCC 1 · 4 iterations", numbered in the order of {@link StrongComponents#cycles()}. */
    public static <V> Function<Set<V>, ObservableValue<String>> sccLabels(Graph<V, ?> graph) {
        List<Set<V>> cycles = StrongComponents.of(graph).cycles();
        return members -> {
            int number = cycles.indexOf(members) + 1;
            int iterations = 2 + members.size();
            String label = number > 0
                    ? "SCC " + number + " · " + iterations + " iterations"
                    : "new cycle · not iterated yet";
            return new ReadOnlyStringWrapper(label);
        };
    }

    private static StatusStyles weighted(Random random) {
        int roll = random.nextInt(100);
        StatusStyles[] values = StatusStyles.values();
        for (int i = 0; i < values.length; i++) {
            roll -= STATUS_WEIGHTS[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return StatusStyles.FRESH;
    }
}
