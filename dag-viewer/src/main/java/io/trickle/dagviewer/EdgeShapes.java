package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.EdgeRoute;
import io.trickle.dagviewer.layout.LayoutResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.Group;

/** The edges of a {@link DagView}, drawn in one layer below the nodes and reused from layout to layout. */
final class EdgeShapes<V, E> {

    private final Group layer;
    private final Map<E, EdgeView> views = new HashMap<>();
    private LayoutResult<V, E> shown;

    EdgeShapes(Group layer) {
        this.layer = layer;
    }

    void show(LayoutResult<V, E> result) {
        views.keySet().removeIf(edge -> {
            if (result.edges().containsKey(edge)) {
                return false;
            }
            EdgeView gone = views.get(edge);
            layer.getChildren().removeAll(gone.line(), gone.head());
            return true;
        });
        result.edges().forEach((edge, route) -> views.computeIfAbsent(edge, e -> {
            EdgeView view = new EdgeView();
            layer.getChildren().addAll(view.line(), view.head());
            return view;
        }).follow(route));
        shown = result;
    }

    /** Highlights the edges that touch a selected vertex: what it reads and what reads it. */
    void highlightAround(Set<V> selected) {
        if (shown == null) {
            return;
        }
        views.forEach((edge, view) -> {
            EdgeRoute<V, E> route = shown.edges().get(edge);
            boolean highlighted = selected.contains(route.source()) || selected.contains(route.target());
            view.setHighlighted(highlighted);
            if (highlighted) {
                // Where edges share a channel, the highlighted ones are drawn over the rest.
                view.line().toFront();
                view.head().toFront();
            }
        });
    }
}
