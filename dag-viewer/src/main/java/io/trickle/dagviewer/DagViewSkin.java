package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.LayoutResult;
import io.trickle.dagviewer.layout.NodePlacement;
import io.trickle.dagviewer.layout.Point;
import io.trickle.dagviewer.layout.Size;
import io.trickle.dagviewer.layout.StrongComponents;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.collections.SetChangeListener;
import javafx.scene.Group;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.jgrapht.Graph;

/**
 * The default skin of {@link DagView}. It draws the layout in four layers (cycle boxes, edges, cycle labels,
 * nodes) inside a clipped surface, moved and scaled by the view's viewport, and runs the cycle that turns a
 * change into pixels: measure the cells, lay out (perhaps on another thread), then show the whole result in one
 * go, so that the user never sees half of a layout.
 */
public class DagViewSkin<V, E> extends SkinBase<DagView<V, E>> {

    private static final System.Logger LOG = System.getLogger(DagViewSkin.class.getName());
    private static final double PREF_WIDTH = 640;
    private static final double PREF_HEIGHT = 400;

    private final Pane surface = new Pane();
    private final NodeCells<V, E> cells;
    private final EdgeShapes<V, E> edges;
    private final SccBoxes<V, E> boxes;
    private final LayoutRunner<V, E> runner;
    private final GraphWatcher<V, E> watcher;
    private final PointerInteraction<V> pointer;
    private final SetChangeListener<V> selectionListener = this::selectionChanged;
    /** Set from any thread that reports a change; cleared when the layout starts. */
    private final AtomicBoolean layoutScheduled = new AtomicBoolean();
    /** A new graph is shown whole; later layouts of the same graph keep the viewport where it was. */
    private boolean fitAfterLayout = true;
    private boolean disposed;

    /** A vertex and where it was drawn, to keep it in the same place on screen across a new layout. */
    private record Anchor<V>(V vertex, Point centre) {
    }

    public DagViewSkin(DagView<V, E> view) {
        super(view);
        Group boxLayer = layer();
        Group edgeLayer = layer();
        Group labelLayer = layer();
        Group nodeLayer = layer();
        surface.getChildren().add(drawing(view, boxLayer, edgeLayer, labelLayer, nodeLayer));
        surface.setPickOnBounds(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(surface.widthProperty());
        clip.heightProperty().bind(surface.heightProperty());
        surface.setClip(clip);
        getChildren().add(surface);

        cells = new NodeCells<>(view, nodeLayer);
        edges = new EdgeShapes<>(edgeLayer);
        boxes = new SccBoxes<>(view, boxLayer, labelLayer);
        runner = new LayoutRunner<>(this::show, this::layoutFailed);
        watcher = new GraphWatcher<>(this::scheduleLayout);
        pointer = new PointerInteraction<>(view, surface, cells::enclosingCell);
        watcher.watch(view.getGraph());
        followTheView(view);
        scheduleLayout();
    }

    /** The layers, bottom to top, moved and scaled together by the viewport. */
    private static Group drawing(DagView<?, ?> view, Group... layers) {
        Group drawing = new Group(layers);
        drawing.setManaged(false);
        Translate pan = new Translate();
        pan.xProperty().bind(view.panXProperty());
        pan.yProperty().bind(view.panYProperty());
        Scale scale = new Scale();
        scale.xProperty().bind(view.zoomProperty());
        scale.yProperty().bind(view.zoomProperty());
        drawing.getTransforms().setAll(pan, scale);
        return drawing;
    }

    private void followTheView(DagView<V, E> view) {
        registerChangeListener(view.graphProperty(), o -> {
            watcher.watch(view.getGraph());
            fitAfterLayout = true;
            scheduleLayout();
        });
        registerChangeListener(view.layoutOptionsProperty(), o -> scheduleLayout());
        registerChangeListener(view.cellFactoryProperty(), o -> {
            cells.clear();
            scheduleLayout();
        });
        registerChangeListener(view.statusFactoryProperty(), o -> cells.refollowStatuses());
        registerChangeListener(view.sccLabelFactoryProperty(), o -> {
            boxes.rebindLabels();
            scheduleLayout();
        });
        registerChangeListener(view.sceneProperty(), o -> {
            if (view.getScene() == null) {
                // Out of the scene, the caller's graph must not keep the view alive through its listener.
                watcher.unwatch();
                return;
            }
            watcher.watch(view.getGraph());
            // Another scene may bring other stylesheets, and with them other node sizes.
            cells.forgetSizes();
            scheduleLayout();
        });
        registerChangeListener(view.zoomProperty(), o -> updateZoomedOut());
        updateZoomedOut();
        view.getSelectionModel().getSelectedItems().addListener(selectionListener);
    }

    @Override
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        getSkinnable().getSelectionModel().getSelectedItems().removeListener(selectionListener);
        pointer.dispose();
        watcher.unwatch();
        runner.dispose();
        cells.clear();
        super.dispose();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        surface.resizeRelocate(x, y, w, h);
        getSkinnable().runPendingViewportAction();
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return left + PREF_WIDTH + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + PREF_HEIGHT + bottom;
    }

    /** Measures every node again, then lays out: what cells show, or their style, may have changed. */
    void remeasureAndLayout() {
        cells.forgetSizes();
        scheduleLayout();
    }

    /** Asks for a new layout in a coming pulse; many changes in a row lead to one layout. Any thread. */
    void scheduleLayout() {
        if (Platform.isFxApplicationThread()) {
            getSkinnable().setLayoutPending(true);
        }
        if (layoutScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::startLayout);
        }
    }

    private void startLayout() {
        layoutScheduled.set(false);
        DagView<V, E> view = getSkinnable();
        view.setLayoutPending(true);
        Graph<V, E> graph = view.getGraph();
        if (disposed || view.getScene() == null) {
            // Cells can be measured only with CSS, that is in a scene; the scene listener comes back here.
            return;
        }
        if (graph == null || !graph.getType().isDirected()) {
            if (graph != null) {
                LOG.log(Level.WARNING, "DagView shows directed graphs only; this one is undirected");
            }
            runner.cancel();
            show(LayoutResult.empty(view.getLayoutOptions()));
            return;
        }
        cells.addMissing(graph.vertexSet());
        Map<V, Size> nodeSizes = cells.measure(graph.vertexSet());
        Map<Set<V>, Size> labelSizes = boxes.measureLabels(StrongComponents.of(graph).cycles());
        runner.run(graph, nodeSizes, labelSizes, view.getLayoutOptions());
    }

    /** Puts a finished layout on screen, all of it within this one call, so within one pulse. */
    private void show(LayoutResult<V, E> result) {
        DagView<V, E> view = getSkinnable();
        Optional<Anchor<V>> anchor = fitAfterLayout ? Optional.empty() : anchor();
        cells.place(result);
        edges.show(result);
        boxes.show(result);
        view.getSelectionModel().retainAll(result.nodes().keySet());
        edges.highlightAround(view.getSelectionModel().getSelectedItems());
        anchor.ifPresent(a -> {
            NodePlacement<V> now = result.nodes().get(a.vertex());
            if (now != null) {
                view.viewport().keepInPlace(a.centre(), now.bounds().centre());
            }
        });
        view.setLayoutResult(result);
        view.setLayoutPending(layoutScheduled.get());
        if (fitAfterLayout) {
            fitAfterLayout = false;
            view.fitToView();
        }
        view.requestLayout();
    }

    private void layoutFailed() {
        getSkinnable().setLayoutPending(layoutScheduled.get());
    }

    /**
     * The vertex to hold still while a new layout moves things: the first selected one still drawn, or else the
     * one drawn nearest the middle of the view.
     */
    private Optional<Anchor<V>> anchor() {
        DagView<V, E> view = getSkinnable();
        LayoutResult<V, E> shown = view.getLayoutResult();
        if (shown == null || shown.nodes().isEmpty()) {
            return Optional.empty();
        }
        Optional<V> selected = view.getSelectionModel().getSelectedItems().stream()
                .filter(shown.nodes()::containsKey)
                .findFirst();
        if (selected.isPresent()) {
            return Optional.of(new Anchor<>(selected.get(), shown.node(selected.get()).bounds().centre()));
        }
        Point middle = view.viewport().toLayout(view.viewWidth() / 2, view.viewHeight() / 2);
        return shown.nodes().values().stream()
                .min(Comparator.comparingDouble(p -> distanceSquared(p.bounds().centre(), middle)))
                .map(p -> new Anchor<>(p.vertex(), p.bounds().centre()));
    }

    private void updateZoomedOut() {
        DagView<V, E> view = getSkinnable();
        view.pseudoClassStateChanged(DagStyleClass.ZOOMED_OUT, view.getZoom() < Viewport.OVERVIEW_ZOOM);
    }

    private void selectionChanged(SetChangeListener.Change<? extends V> change) {
        if (change.wasAdded()) {
            cells.updateSelected(change.getElementAdded(), true);
        }
        if (change.wasRemoved()) {
            cells.updateSelected(change.getElementRemoved(), false);
        }
        edges.highlightAround(getSkinnable().getSelectionModel().getSelectedItems());
    }

    private static double distanceSquared(Point a, Point b) {
        double dx = a.x() - b.x();
        double dy = a.y() - b.y();
        return dx * dx + dy * dy;
    }

    private static Group layer() {
        Group layer = new Group();
        // Cells and boxes are sized by the layout, not by the group.
        layer.setAutoSizeChildren(false);
        return layer;
    }
}
