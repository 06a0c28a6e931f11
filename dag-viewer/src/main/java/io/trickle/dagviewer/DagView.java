package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.LayoutOptions;
import io.trickle.dagviewer.layout.LayoutResult;
import io.trickle.dagviewer.layout.NodePlacement;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.input.ContextMenuEvent;
import javafx.util.Callback;
import org.jgrapht.Graph;

/**
 * A view of a directed JGraphT graph, laid out in layers by ELK: every edge outside a cycle points from an
 * earlier layer to a later one, and each cycle (strongly connected component) is drawn as a labelled box around
 * its members.
 *
 * <h2>What the caller supplies</h2>
 * <ul>
 *   <li>{@link #graphProperty() graph}: any directed {@code Graph<V,E>}. A {@code ListenableGraph} is watched, and a
 *       change of its shape lays it out again; after changing another kind of graph call {@link #relayout()}.
 *       Change the graph on the JavaFX thread.</li>
 *   <li>{@link #cellFactoryProperty() cellFactory}: makes the {@link DagCell} that draws a vertex.</li>
 *   <li>{@link #statusFactoryProperty() statusFactory}: gives each vertex an observable status, a style class
 *       such as {@link StatusStyles#STALE}{@code .styleClass()}; the node restyles itself when it changes.</li>
 *   <li>{@link #sccLabelFactoryProperty() sccLabelFactory}: gives each cycle's box an observable label, from the
 *       cycle's members.</li>
 *   <li>{@link #layoutOptionsProperty() layoutOptions}: direction, edge style and spacing.</li>
 * </ul>
 *
 * <h2>What the user can do</h2>
 * Click to select (with the shortcut key to add or remove, with shift to add; see {@link #getSelectionModel()}),
 * double-click or ask for a context menu on a node (see {@link #onNodeDoubleClickedProperty()} and
 * {@link #onNodeContextMenuRequestedProperty()}), zoom with the wheel, pan by dragging. The program can
 * {@link #fitToView()} and {@link #focusOn(Object)}.
 *
 * <p>Layouts of large graphs are computed off the JavaFX thread and swapped in within one pulse; nodes of
 * vertices that remain are reused, and the viewport keeps the selected node (or the one nearest the middle)
 * where it was.
 */
public class DagView<V, E> extends Control {

    private static final String STYLESHEET = Objects.requireNonNull(
            DagView.class.getResource("dag-viewer.css"), "dag-viewer.css").toExternalForm();

    private final ObjectProperty<Graph<V, E>> graph = new SimpleObjectProperty<>(this, "graph");
    private final ObjectProperty<Callback<DagView<V, E>, DagCell<V>>> cellFactory =
            new SimpleObjectProperty<>(this, "cellFactory", view -> new DagCell<>());
    private final ObjectProperty<Function<? super V, ? extends ObservableValue<String>>> statusFactory =
            new SimpleObjectProperty<>(this, "statusFactory");
    private final ObjectProperty<Function<? super Set<V>, ? extends ObservableValue<String>>> sccLabelFactory =
            new SimpleObjectProperty<>(this, "sccLabelFactory");
    private final ObjectProperty<LayoutOptions> layoutOptions =
            new SimpleObjectProperty<>(this, "layoutOptions", LayoutOptions.DEFAULT);
    private final DagSelectionModel<V> selectionModel = new DagSelectionModel<>();
    private final ObjectProperty<Consumer<? super V>> onNodeDoubleClicked =
            new SimpleObjectProperty<>(this, "onNodeDoubleClicked");
    private final ObjectProperty<BiConsumer<? super V, ? super ContextMenuEvent>> onNodeContextMenuRequested =
            new SimpleObjectProperty<>(this, "onNodeContextMenuRequested");
    private final ReadOnlyObjectWrapper<LayoutResult<V, E>> layoutResult =
            new ReadOnlyObjectWrapper<>(this, "layoutResult");
    private final ReadOnlyBooleanWrapper layoutPending = new ReadOnlyBooleanWrapper(this, "layoutPending");
    private final Viewport viewport = new Viewport(this);

    /** Waits for a layout (or a size) before it can run; at most one is kept, the latest. */
    private Runnable pendingViewportAction;

    public DagView() {
        this(null);
    }

    public DagView(Graph<V, E> graph) {
        getStyleClass().add(DagStyleClass.VIEW);
        setFocusTraversable(true);
        setGraph(graph);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new DagViewSkin<>(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    // ---------------------------------------------------------------- what is drawn

    public final ObjectProperty<Graph<V, E>> graphProperty() {
        return graph;
    }

    public final Graph<V, E> getGraph() {
        return graph.get();
    }

    public final void setGraph(Graph<V, E> value) {
        graph.set(value);
    }

    public final ObjectProperty<Callback<DagView<V, E>, DagCell<V>>> cellFactoryProperty() {
        return cellFactory;
    }

    public final Callback<DagView<V, E>, DagCell<V>> getCellFactory() {
        return cellFactory.get();
    }

    public final void setCellFactory(Callback<DagView<V, E>, DagCell<V>> value) {
        cellFactory.set(value);
    }

    /** Gives each vertex its status as an observable style class; {@code null} (the default) means none. */
    public final ObjectProperty<Function<? super V, ? extends ObservableValue<String>>> statusFactoryProperty() {
        return statusFactory;
    }

    public final Function<? super V, ? extends ObservableValue<String>> getStatusFactory() {
        return statusFactory.get();
    }

    public final void setStatusFactory(Function<? super V, ? extends ObservableValue<String>> value) {
        statusFactory.set(value);
    }

    /** Gives each cycle's box its label; {@code null} (the default) labels a box with its number of members. */
    public final ObjectProperty<Function<? super Set<V>, ? extends ObservableValue<String>>> sccLabelFactoryProperty() {
        return sccLabelFactory;
    }

    public final Function<? super Set<V>, ? extends ObservableValue<String>> getSccLabelFactory() {
        return sccLabelFactory.get();
    }

    public final void setSccLabelFactory(Function<? super Set<V>, ? extends ObservableValue<String>> value) {
        sccLabelFactory.set(value);
    }

    public final ObjectProperty<LayoutOptions> layoutOptionsProperty() {
        return layoutOptions;
    }

    public final LayoutOptions getLayoutOptions() {
        return layoutOptions.get();
    }

    public final void setLayoutOptions(LayoutOptions value) {
        layoutOptions.set(Objects.requireNonNull(value, "layoutOptions"));
    }

    /**
     * Measures every node and lays the graph out again. Needed after changing a graph that is not a
     * {@code ListenableGraph}, or after a change that alters the size of nodes (what cells show, their fonts);
     * a change of status must not alter a node's size.
     */
    public void relayout() {
        if (getSkin() instanceof DagViewSkin<?, ?> skin) {
            skin.remeasureAndLayout();
        }
    }

    // ---------------------------------------------------------------- selection and callbacks

    public final DagSelectionModel<V> getSelectionModel() {
        return selectionModel;
    }

    /** Called with the vertex when a node is double-clicked (after it has been selected). */
    public final ObjectProperty<Consumer<? super V>> onNodeDoubleClickedProperty() {
        return onNodeDoubleClicked;
    }

    public final void setOnNodeDoubleClicked(Consumer<? super V> value) {
        onNodeDoubleClicked.set(value);
    }

    /**
     * Called with the vertex and the event when the user asks for a context menu on a node; the node is selected
     * first if it was not. Show a menu with {@code menu.show(view, event.getScreenX(), event.getScreenY())}.
     */
    public final ObjectProperty<BiConsumer<? super V, ? super ContextMenuEvent>> onNodeContextMenuRequestedProperty() {
        return onNodeContextMenuRequested;
    }

    public final void setOnNodeContextMenuRequested(BiConsumer<? super V, ? super ContextMenuEvent> value) {
        onNodeContextMenuRequested.set(value);
    }

    // ---------------------------------------------------------------- viewport

    /** The scale of the drawing, from 0.05 to 4; 1 draws nodes at their natural size. */
    public final DoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    public final double getZoom() {
        return viewport.zoomProperty().get();
    }

    public final void setZoom(double value) {
        viewport.zoomProperty().set(value);
    }

    /** Where the drawing's origin shows in the view, horizontally. */
    public final DoubleProperty panXProperty() {
        return viewport.panXProperty();
    }

    /** Where the drawing's origin shows in the view, vertically. */
    public final DoubleProperty panYProperty() {
        return viewport.panYProperty();
    }

    /** Shows the whole graph, centred and no larger than its natural size; waits for a pending layout. */
    public void fitToView() {
        whenLaidOut(() -> viewport.fit(getLayoutResult().size(), viewWidth(), viewHeight()));
    }

    /** Centres the view on a vertex, zooming in if labels would be too small to read; waits for a pending layout. */
    public void focusOn(V vertex) {
        Objects.requireNonNull(vertex, "vertex");
        whenLaidOut(() -> {
            NodePlacement<V> placement = getLayoutResult().nodes().get(vertex);
            if (placement != null) {
                if (getZoom() < Viewport.READABLE_ZOOM) {
                    setZoom(1.0);
                }
                viewport.centreOn(placement.bounds().centre(), viewWidth(), viewHeight());
            }
        });
    }

    // ---------------------------------------------------------------- state

    /** The layout on screen; {@code null} before the first one. */
    public final ReadOnlyObjectProperty<LayoutResult<V, E>> layoutResultProperty() {
        return layoutResult.getReadOnlyProperty();
    }

    public final LayoutResult<V, E> getLayoutResult() {
        return layoutResult.get();
    }

    /** True from a change that needs a new layout until that layout is on screen. */
    public final ReadOnlyBooleanProperty layoutPendingProperty() {
        return layoutPending.getReadOnlyProperty();
    }

    public final boolean isLayoutPending() {
        return layoutPending.get();
    }

    // ---------------------------------------------------------------- for the skin

    Viewport viewport() {
        return viewport;
    }

    void setLayoutResult(LayoutResult<V, E> result) {
        layoutResult.set(result);
    }

    void setLayoutPending(boolean pending) {
        layoutPending.set(pending);
    }

    /** Runs a fit or focus that waited for the layout or for the view to get a size, once both are there. */
    void runPendingViewportAction() {
        if (pendingViewportAction != null && isLaidOut()) {
            Runnable action = pendingViewportAction;
            pendingViewportAction = null;
            action.run();
        }
    }

    double viewWidth() {
        return getWidth() - snappedLeftInset() - snappedRightInset();
    }

    double viewHeight() {
        return getHeight() - snappedTopInset() - snappedBottomInset();
    }

    private void whenLaidOut(Runnable action) {
        if (isLaidOut()) {
            pendingViewportAction = null;
            action.run();
        } else {
            pendingViewportAction = action;
            requestLayout();
        }
    }

    private boolean isLaidOut() {
        return getLayoutResult() != null && !isLayoutPending() && viewWidth() > 0 && viewHeight() > 0;
    }
}
