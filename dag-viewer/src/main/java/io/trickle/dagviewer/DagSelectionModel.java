package io.trickle.dagviewer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.scene.control.SelectionMode;

/**
 * Which vertices of a {@link DagView} are selected. Unlike a list's selection model it works on the vertices
 * themselves, not on indices, since a graph's vertices have no order worth exposing.
 *
 * <p>In {@link SelectionMode#SINGLE} mode (the default) at most one vertex is selected; in
 * {@link SelectionMode#MULTIPLE} mode any number. {@link #selectedItemProperty()} is the vertex selected last
 * (the one a properties panel would show). Use it on the JavaFX thread.
 */
public final class DagSelectionModel<V> {

    private final ObservableSet<V> selected = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<V> selectedView = FXCollections.unmodifiableObservableSet(selected);
    private final ReadOnlyObjectWrapper<V> selectedItem = new ReadOnlyObjectWrapper<>(this, "selectedItem");
    private final ObjectProperty<SelectionMode> selectionMode =
            new SimpleObjectProperty<>(this, "selectionMode", SelectionMode.SINGLE);

    public DagSelectionModel() {
        selectionMode.addListener((obs, previous, mode) -> {
            if (mode == SelectionMode.SINGLE && selected.size() > 1) {
                V keep = getSelectedItem();
                selected.removeIf(v -> !v.equals(keep));
            }
        });
    }

    /** The selected vertices, in the order they were selected; read-only, observe it for changes. */
    public ObservableSet<V> getSelectedItems() {
        return selectedView;
    }

    /** The vertex selected last, or {@code null} when nothing is selected. */
    public ReadOnlyObjectProperty<V> selectedItemProperty() {
        return selectedItem.getReadOnlyProperty();
    }

    public V getSelectedItem() {
        return selectedItem.get();
    }

    public ObjectProperty<SelectionMode> selectionModeProperty() {
        return selectionMode;
    }

    public SelectionMode getSelectionMode() {
        return selectionMode.get();
    }

    public void setSelectionMode(SelectionMode mode) {
        selectionMode.set(Objects.requireNonNull(mode, "mode"));
    }

    public boolean isSelected(V vertex) {
        return selected.contains(vertex);
    }

    public boolean isEmpty() {
        return selected.isEmpty();
    }

    /** Adds {@code vertex} to the selection, or in single mode makes it the only selected vertex. */
    public void select(V vertex) {
        Objects.requireNonNull(vertex, "vertex");
        if (getSelectionMode() == SelectionMode.SINGLE) {
            clearAndSelect(vertex);
        } else {
            selected.add(vertex);
            selectedItem.set(vertex);
        }
    }

    /** Makes {@code vertex} the only selected vertex. */
    public void clearAndSelect(V vertex) {
        Objects.requireNonNull(vertex, "vertex");
        selected.removeIf(v -> !v.equals(vertex));
        selected.add(vertex);
        selectedItem.set(vertex);
    }

    /** Selects all of {@code vertices} in multiple mode; in single mode, only the last of them. */
    public void selectAll(Collection<? extends V> vertices) {
        if (getSelectionMode() == SelectionMode.SINGLE) {
            List<V> ordered = new ArrayList<>(vertices);
            if (!ordered.isEmpty()) {
                clearAndSelect(ordered.get(ordered.size() - 1));
            }
            return;
        }
        vertices.forEach(this::select);
    }

    /** Selects {@code vertex} if it is not selected, and unselects it if it is. */
    public void toggle(V vertex) {
        if (isSelected(vertex)) {
            clearSelection(vertex);
        } else {
            select(vertex);
        }
    }

    public void clearSelection(V vertex) {
        if (selected.remove(vertex) && Objects.equals(vertex, getSelectedItem())) {
            selectedItem.set(lastSelected());
        }
    }

    public void clearSelection() {
        selected.clear();
        selectedItem.set(null);
    }

    /** Forgets selected vertices that are no longer in the graph. */
    void retainAll(Collection<V> stillThere) {
        if (selected.retainAll(stillThere) && !selected.contains(getSelectedItem())) {
            selectedItem.set(lastSelected());
        }
    }

    private V lastSelected() {
        V last = null;
        for (V v : selected) {
            last = v;
        }
        return last;
    }
}
