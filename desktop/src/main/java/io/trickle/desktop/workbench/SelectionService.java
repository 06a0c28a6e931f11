package io.trickle.desktop.workbench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The selection of the part the DBA worked in last, as in Eclipse: a view publishes what is selected
 * in it, and other views (Properties, the navigator, the graph) follow without knowing the source.
 */
public final class SelectionService {

    /** What one part has selected, in selection order. */
    public record Selection(String sourceId, List<?> items) {
        public static final Selection EMPTY = new Selection("", List.of());

        public Selection {
            Objects.requireNonNull(sourceId, "sourceId");
            items = List.copyOf(items);
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        /** The first selected item of the given type, if any. */
        public <T> Optional<T> first(Class<T> type) {
            return items.stream().filter(type::isInstance).map(type::cast).findFirst();
        }
    }

    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(this, "selection",
            Selection.EMPTY);

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Selection current() {
        return selection.get();
    }

    /** Called by a part when its selection changes. An empty list clears the selection. */
    public void publish(String sourceId, List<?> items) {
        Selection next = new Selection(sourceId, items);
        if (!next.equals(selection.get())) {
            selection.set(next);
        }
    }

    /** Called when a part closes, so nobody keeps showing what it had selected. */
    public void clearFrom(String sourceId) {
        if (selection.get().sourceId().equals(sourceId)) {
            selection.set(Selection.EMPTY);
        }
    }
}
