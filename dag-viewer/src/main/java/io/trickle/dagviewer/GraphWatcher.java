package io.trickle.dagviewer;

import org.jgrapht.Graph;
import org.jgrapht.ListenableGraph;
import org.jgrapht.event.GraphEdgeChangeEvent;
import org.jgrapht.event.GraphListener;
import org.jgrapht.event.GraphVertexChangeEvent;

/** Tells the view when a {@link ListenableGraph} changes shape; other graphs cannot be watched. */
final class GraphWatcher<V, E> implements GraphListener<V, E> {

    private final Runnable onChange;
    private ListenableGraph<V, E> watched;

    GraphWatcher(Runnable onChange) {
        this.onChange = onChange;
    }

    void watch(Graph<V, E> graph) {
        unwatch();
        if (graph instanceof ListenableGraph<V, E> listenable) {
            listenable.addGraphListener(this);
            watched = listenable;
        }
    }

    void unwatch() {
        if (watched != null) {
            watched.removeGraphListener(this);
            watched = null;
        }
    }

    @Override
    public void vertexAdded(GraphVertexChangeEvent<V> e) {
        onChange.run();
    }

    @Override
    public void vertexRemoved(GraphVertexChangeEvent<V> e) {
        onChange.run();
    }

    @Override
    public void edgeAdded(GraphEdgeChangeEvent<V, E> e) {
        onChange.run();
    }

    @Override
    public void edgeRemoved(GraphEdgeChangeEvent<V, E> e) {
        onChange.run();
    }
}
