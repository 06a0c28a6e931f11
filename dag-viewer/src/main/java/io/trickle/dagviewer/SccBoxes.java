package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.Box;
import io.trickle.dagviewer.layout.LayoutResult;
import io.trickle.dagviewer.layout.SccBox;
import io.trickle.dagviewer.layout.Size;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * The boxes drawn around the cycles of a {@link DagView}, each with its label. A box is known by its members, so
 * a cycle that survives a change of the graph keeps its label node (and the binding to the caller's label).
 */
final class SccBoxes<V, E> {

    private final DagView<V, E> view;
    private final Group boxLayer;
    private final Group labelLayer;
    private final Map<Set<V>, BoxView> views = new HashMap<>();

    /** One box: the frame below the edges and the label above them, so that edges never hide the label. */
    private record BoxView(Region frame, Label label) {
    }

    SccBoxes(DagView<V, E> view, Group boxLayer, Group labelLayer) {
        this.view = view;
        this.boxLayer = boxLayer;
        this.labelLayer = labelLayer;
    }

    /**
     * Makes sure every cycle has a box and returns the size of each label, which the layout leaves room for. New
     * boxes stay hidden until {@link #show} places them.
     */
    Map<Set<V>, Size> measureLabels(List<Set<V>> cycles) {
        for (Set<V> members : cycles) {
            views.computeIfAbsent(members, this::createBox);
        }
        labelLayer.applyCss();
        Map<Set<V>, Size> sizes = new LinkedHashMap<>();
        for (Set<V> members : cycles) {
            Label label = views.get(members).label();
            double width = Math.ceil(label.prefWidth(-1));
            sizes.put(members, new Size(width, Math.ceil(label.prefHeight(width))));
        }
        return sizes;
    }

    void show(LayoutResult<V, E> result) {
        Map<Set<V>, SccBox<V>> placed = new HashMap<>();
        result.components().forEach(box -> placed.put(box.members(), box));
        views.entrySet().removeIf(entry -> {
            SccBox<V> box = placed.get(entry.getKey());
            BoxView boxView = entry.getValue();
            if (box == null) {
                boxLayer.getChildren().remove(boxView.frame());
                labelLayer.getChildren().remove(boxView.label());
                boxView.label().textProperty().unbind();
                return true;
            }
            Box b = box.bounds();
            boxView.frame().resizeRelocate(b.x(), b.y(), b.width(), b.height());
            Box l = box.labelBounds();
            // The label may have grown since it was measured; it then ends in an ellipsis, and the tooltip has all.
            boxView.label().resizeRelocate(l.x(), l.y(), l.width(), l.height());
            boxView.frame().setVisible(true);
            boxView.label().setVisible(true);
            return false;
        });
    }

    /** Binds every label anew, after the label factory changed. */
    void rebindLabels() {
        views.forEach((members, boxView) -> boxView.label().textProperty().bind(labelOf(members)));
    }

    private BoxView createBox(Set<V> members) {
        Region frame = new Region();
        frame.getStyleClass().add(DagStyleClass.SCC_BOX);
        frame.setManaged(false);
        frame.setVisible(false);
        Label label = new Label();
        label.getStyleClass().add(DagStyleClass.SCC_LABEL);
        label.setManaged(false);
        label.setVisible(false);
        label.textProperty().bind(labelOf(members));
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(label.textProperty());
        label.setTooltip(tooltip);
        boxLayer.getChildren().add(frame);
        labelLayer.getChildren().add(label);
        return new BoxView(frame, label);
    }

    private ObservableValue<String> labelOf(Set<V> members) {
        Function<? super Set<V>, ? extends ObservableValue<String>> factory = view.getSccLabelFactory();
        if (factory == null) {
            return Bindings.createStringBinding(() -> "cycle of " + members.size());
        }
        return factory.apply(members);
    }
}
