package io.trickle.dagviewer.layout;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.jgrapht.Graph;

/**
 * Lays out a directed JGraphT graph in layers with ELK Layered: few crossings, edges routed as the options say,
 * and every cycle (non-trivial strongly connected component) kept together in a box of its own.
 *
 * <p>Instances are immutable and hold no state between calls, so one may be used from any thread, but the
 * graph must not change while {@link #layout} reads it: lay out a copy if another thread may change it.
 */
public final class LayeredLayout {

    private final LayoutOptions options;

    public LayeredLayout(LayoutOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public LayoutOptions options() {
        return options;
    }

    /** Lays out a graph whose components need no room for labels. */
    public <V, E> LayoutResult<V, E> layout(Graph<V, E> graph, Function<? super V, Size> nodeSizes) {
        return layout(graph, nodeSizes, members -> Size.ZERO);
    }

    /**
     * Lays out a graph.
     *
     * @param graph      a directed graph; self-loops and multiple edges are allowed
     * @param nodeSizes  the size of each vertex's drawing
     * @param labelSizes the size of each component's label, given the component's members; the box is made
     *                   wide enough for it and leaves room above the members
     */
    public <V, E> LayoutResult<V, E> layout(Graph<V, E> graph, Function<? super V, Size> nodeSizes,
                                            Function<? super Set<V>, Size> labelSizes) {
        StrongComponents<V> components = StrongComponents.of(graph);
        if (graph.vertexSet().isEmpty()) {
            return LayoutResult.empty(options);
        }
        ElkGraphBuilder.ElkModel<V, E> model =
                ElkGraphBuilder.build(graph, components, nodeSizes, labelSizes, options);
        new RecursiveGraphLayoutEngine().layout(model.root(), new BasicProgressMonitor());
        return new ElkLayoutReader<>(graph, components, model, labelSizes, options).read();
    }
}
