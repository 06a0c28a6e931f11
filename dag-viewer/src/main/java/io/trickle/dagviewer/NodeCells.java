package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.Box;
import io.trickle.dagviewer.layout.LayoutResult;
import io.trickle.dagviewer.layout.NodePlacement;
import io.trickle.dagviewer.layout.Size;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.Group;
import javafx.scene.Node;

/**
 * The cells of a {@link DagView}, one per vertex, kept in one layer of the drawing. A cell lives as long as its
 * vertex: a new layout moves it rather than replacing it, so its status, selection and whatever the caller's
 * cell holds survive re-layouts.
 */
final class NodeCells<V, E> {

    private final DagView<V, E> view;
    private final Group layer;
    private final Map<V, DagCell<V>> cells = new HashMap<>();
    /** What each cell measured; measuring 500 cells again for every change of the graph would be wasted. */
    private final Map<V, Size> sizes = new HashMap<>();

    NodeCells(DagView<V, E> view, Group layer) {
        this.view = view;
        this.layer = layer;
    }

    /**
     * Makes a cell for every vertex that has none. New cells join the layer hidden, so that CSS can size them, and
     * appear only when {@link #place} gives them a position.
     */
    void addMissing(Collection<V> vertices) {
        for (V vertex : vertices) {
            if (!cells.containsKey(vertex)) {
                DagCell<V> cell = Objects.requireNonNull(view.getCellFactory().call(view), "cell factory result");
                cell.setVisible(false);
                cell.setManaged(false);
                cell.show(vertex);
                cell.followStatus(statusOf(vertex));
                cell.updateSelected(view.getSelectionModel().isSelected(vertex));
                cells.put(vertex, cell);
                layer.getChildren().add(cell);
            }
        }
    }

    /**
     * The size each vertex's cell wants, with the view's stylesheets applied. A cell is measured once; after
     * {@link #forgetSizes()} all are measured again.
     */
    Map<V, Size> measure(Collection<V> vertices) {
        if (!sizes.keySet().containsAll(vertices)) {
            layer.applyCss();
        }
        Map<V, Size> measured = new LinkedHashMap<>();
        for (V vertex : vertices) {
            measured.put(vertex, sizes.computeIfAbsent(vertex, v -> {
                DagCell<V> cell = cells.get(v);
                double width = Math.ceil(cell.prefWidth(-1));
                return new Size(width, Math.ceil(cell.prefHeight(width)));
            }));
        }
        return measured;
    }

    void forgetSizes() {
        sizes.clear();
    }

    /** Moves every cell to its place in {@code result} and drops the cells of vertices it no longer has. */
    void place(LayoutResult<V, E> result) {
        for (Iterator<Map.Entry<V, DagCell<V>>> it = cells.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<V, DagCell<V>> entry = it.next();
            NodePlacement<V> placement = result.nodes().get(entry.getKey());
            DagCell<V> cell = entry.getValue();
            if (placement == null) {
                it.remove();
                sizes.remove(entry.getKey());
                cell.release();
                layer.getChildren().remove(cell);
            } else {
                Box b = placement.bounds();
                cell.resizeRelocate(b.x(), b.y(), b.width(), b.height());
                cell.setVisible(true);
            }
        }
    }

    /** Throws every cell away, for example when the cell factory changes; the next layout makes new ones. */
    void clear() {
        cells.values().forEach(DagCell::release);
        cells.clear();
        sizes.clear();
        layer.getChildren().clear();
    }

    /** Follows the status factory anew, after it changed. */
    void refollowStatuses() {
        cells.forEach((vertex, cell) -> cell.followStatus(statusOf(vertex)));
    }

    void updateSelected(V vertex, boolean selected) {
        DagCell<V> cell = cells.get(vertex);
        if (cell != null) {
            cell.updateSelected(selected);
        }
    }

    /** The cell that holds {@code picked}, if the node picked by the mouse is part of one of these cells. */
    @SuppressWarnings("unchecked")
    Optional<DagCell<V>> enclosingCell(Node picked) {
        for (Node n = picked; n != null && n != layer; n = n.getParent()) {
            if (n instanceof DagCell<?> cell && n.getParent() == layer) {
                return Optional.of((DagCell<V>) cell);
            }
        }
        return Optional.empty();
    }

    private ObservableValue<String> statusOf(V vertex) {
        Function<? super V, ? extends ObservableValue<String>> factory = view.getStatusFactory();
        return factory == null ? null : factory.apply(vertex);
    }
}
