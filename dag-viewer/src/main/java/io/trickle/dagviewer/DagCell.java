package io.trickle.dagviewer;

import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Cell;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.CellSkinBase;
import javafx.util.Callback;

/**
 * Draws one vertex of a {@link DagView}. Like a {@code ListCell}, a subclass overrides {@link #updateItem} to show
 * what it wants (text, a graphic, a tooltip); the default shows the vertex's {@code toString()}.
 *
 * <p>The view gives each cell its vertex's status and keeps it current: the status is a style class
 * ({@link StatusStyles} or one of the caller's own), added to the cell while the status holds and removed when it
 * changes, so a status change restyles the node where it is, without a new layout.
 */
public class DagCell<V> extends Cell<V> {

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");

    public DagCell() {
        // Replace Cell's own "cell" class: list and table styling has nothing to do with graph nodes. Modena gives
        // cells their skin through that class, so createDefaultSkin() gives it instead.
        getStyleClass().setAll(DagStyleClass.NODE);
        setMnemonicParsing(false);
        status.addListener((obs, previous, current) -> {
            if (previous != null) {
                getStyleClass().remove(previous);
            }
            if (current != null && !current.isBlank()) {
                getStyleClass().add(current);
            }
        });
    }

    /**
     * A cell factory for cells that show a text of the caller's choosing instead of {@code toString()}, e.g.
     * {@code view.setCellFactory(DagCell.showing(Table::displayName))}.
     */
    public static <V, E> Callback<DagView<V, E>, DagCell<V>> showing(Function<? super V, String> text) {
        Objects.requireNonNull(text, "text");
        return view -> new DagCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new CellSkinBase<>(this);
    }

    @Override
    protected void updateItem(V item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.toString());
    }

    /** The style class of the vertex's current status, or {@code null} when it has none. */
    public final ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public final String getStatus() {
        return status.get();
    }

    /** Shows {@code vertex} in this cell. */
    final void show(V vertex) {
        updateItem(vertex, false);
    }

    /** Follows the status the caller supplies, or shows none when {@code source} is {@code null}. */
    final void followStatus(ObservableValue<String> source) {
        status.unbind();
        if (source == null) {
            status.set(null);
        } else {
            status.bind(source);
        }
    }

    /** Lets go of the vertex and of the caller's status before the cell is thrown away. */
    final void release() {
        followStatus(null);
        updateSelected(false);
        updateItem(null, true);
    }
}
