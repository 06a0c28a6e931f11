package io.trickle.dagviewer;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.event.EventHandler;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;

/**
 * What the mouse does in a {@link DagView}: click to select, double-click and context menu on nodes, drag to pan,
 * wheel (or pinch) to zoom around the pointer. The handlers sit on the view's surface, not on each node, so
 * 500 nodes cost one set of handlers.
 */
final class PointerInteraction<V> {

    /** One notch of the wheel zooms by this factor. */
    private static final double ZOOM_PER_NOTCH = 1.15;
    /** What JavaFX makes of one notch where the platform does not say. */
    private static final double PIXELS_PER_NOTCH = 40;

    private final DagView<V, ?> view;
    private final Region surface;
    private final Function<Node, Optional<DagCell<V>>> cellAt;
    private final EventHandler<ContextMenuEvent> contextMenuHandler = this::contextMenuRequested;
    private double lastX;
    private double lastY;

    PointerInteraction(DagView<V, ?> view, Region surface, Function<Node, Optional<DagCell<V>>> cellAt) {
        this.view = view;
        this.surface = surface;
        this.cellAt = cellAt;
        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        surface.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> surface.setCursor(null));
        surface.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        // On the view, not the surface: a request from the keyboard is aimed at the focused view itself.
        view.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, contextMenuHandler);
        surface.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        surface.addEventHandler(ZoomEvent.ZOOM, e -> {
            view.viewport().zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
    }

    /** Removes what was installed on the view itself; the surface goes with the skin. */
    void dispose() {
        view.removeEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, contextMenuHandler);
    }

    private void pressed(MouseEvent e) {
        lastX = e.getX();
        lastY = e.getY();
        view.requestFocus();
    }

    private void dragged(MouseEvent e) {
        if (e.isPrimaryButtonDown() || e.isMiddleButtonDown()) {
            view.viewport().panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
            surface.setCursor(Cursor.MOVE);
            e.consume();
        }
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        DagSelectionModel<V> selection = view.getSelectionModel();
        Optional<V> vertex = vertexAt(e.getPickResult().getIntersectedNode());
        if (vertex.isEmpty()) {
            if (!e.isShortcutDown() && !e.isShiftDown()) {
                selection.clearSelection();
            }
            return;
        }
        V v = vertex.get();
        if (e.getClickCount() == 2) {
            selection.clearAndSelect(v);
            Consumer<? super V> callback = view.onNodeDoubleClickedProperty().get();
            if (callback != null) {
                callback.accept(v);
            }
        } else if (e.isShortcutDown()) {
            selection.toggle(v);
        } else if (e.isShiftDown()) {
            selection.select(v);
        } else {
            selection.clearAndSelect(v);
        }
        e.consume();
    }

    private void contextMenuRequested(ContextMenuEvent e) {
        // From the keyboard (menu key, shift+F10) the menu is for the selected node; JavaFX then picks a point
        // at a quarter of the view's width, which says nothing.
        Optional<V> vertex = e.isKeyboardTrigger()
                ? Optional.ofNullable(view.getSelectionModel().getSelectedItem())
                : vertexAt(e.getPickResult().getIntersectedNode());
        if (vertex.isEmpty()) {
            return;
        }
        V v = vertex.get();
        if (!view.getSelectionModel().isSelected(v)) {
            view.getSelectionModel().clearAndSelect(v);
        }
        BiConsumer<? super V, ? super ContextMenuEvent> callback = view.onNodeContextMenuRequestedProperty().get();
        if (callback != null) {
            callback.accept(v, e);
        }
        e.consume();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        // deltaY is in pixels: the wheel's turn (in notches) times a platform multiplier, 40 on most desktops.
        // Dividing by it makes one notch one zoom step everywhere; a touchpad's fractions zoom smoothly.
        double notches = e.getDeltaY() / (e.getMultiplierY() > 0 ? e.getMultiplierY() : PIXELS_PER_NOTCH);
        double factor = Math.pow(ZOOM_PER_NOTCH, notches);
        view.viewport().zoomAt(factor, e.getX(), e.getY());
        e.consume();
    }

    private Optional<V> vertexAt(Node picked) {
        return cellAt.apply(picked).map(DagCell::getItem);
    }
}
