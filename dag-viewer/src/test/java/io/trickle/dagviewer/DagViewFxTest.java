package io.trickle.dagviewer;

import static io.trickle.dagviewer.FxTesting.awaitLayout;
import static io.trickle.dagviewer.FxTesting.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.dagviewer.demo.SampleDecorations;
import io.trickle.dagviewer.demo.SampleGraphs;
import io.trickle.dagviewer.layout.LayoutResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;
import javafx.stage.Stage;
import org.jgrapht.ListenableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The control on a headless screen: what it draws, and what clicks, wheel and drags do to it. */
@ExtendWith(ApplicationExtension.class)
class DagViewFxTest {

    private static final double PIXEL = 1.0;

    private final ListenableGraph<String, DefaultEdge> graph = SampleGraphs.cycleInDag();
    private final Map<String, StringProperty> statuses = new HashMap<>();
    private final List<String> doubleClicked = new ArrayList<>();
    private final List<String> contextMenus = new ArrayList<>();
    private DagView<String, DefaultEdge> view;

    @Start
    void start(Stage stage) {
        graph.vertexSet().forEach(v -> statuses.put(v, new SimpleStringProperty(StatusStyles.FRESH.styleClass())));
        view = new DagView<>();
        view.setStatusFactory(statuses::get);
        view.setSccLabelFactory(SampleDecorations.sccLabels(graph));
        view.setOnNodeDoubleClicked(doubleClicked::add);
        view.setOnNodeContextMenuRequested((vertex, event) -> contextMenus.add(vertex));
        view.setGraph(graph);
        stage.setScene(new Scene(view, 1000, 400));
        stage.show();
    }

    @Test
    void cycleMembersAreDrawnInsideTheirLabelledBox() {
        awaitLayout(view);

        Region box = onFx(() -> (Region) view.lookup("." + DagStyleClass.SCC_BOX));
        Label label = onFx(() -> (Label) view.lookup("." + DagStyleClass.SCC_LABEL));
        Bounds boxBounds = onFx(box::getBoundsInParent);
        for (String member : List.of("reachable", "frontier")) {
            Bounds cell = onFx(() -> cell(member).getBoundsInParent());
            assertTrue(boxBounds.contains(cell), member + " " + cell + " inside " + boxBounds);
        }
        assertEquals("SCC 1 · 4 iterations", onFx(label::getText));
        assertTrue(boxBounds.contains(onFx(label::getBoundsInParent)), "label inside its box");
    }

    @Test
    void everyEdgeHasALineAndAnArrowheadAtItsTarget() {
        awaitLayout(view);

        List<Path> lines = onFx(() -> view.lookupAll("." + DagStyleClass.EDGE).stream().map(Path.class::cast).toList());
        List<Polygon> heads = onFx(() -> view.lookupAll("." + DagStyleClass.EDGE_HEAD).stream()
                .map(Polygon.class::cast).toList());
        long cycleLines = lines.stream().filter(l -> l.getStyleClass().contains(DagStyleClass.CYCLE_EDGE)).count();

        assertEquals(graph.edgeSet().size(), lines.size());
        assertEquals(graph.edgeSet().size(), heads.size());
        assertEquals(2, cycleLines, "the two edges of the cycle");
        LayoutResult<String, DefaultEdge> layout = onFx(view::getLayoutResult);
        for (DefaultEdge edge : graph.edgeSet()) {
            Bounds target = onFx(() -> cell(graph.getEdgeTarget(edge)).getBoundsInParent());
            var tip = layout.edges().get(edge).end();
            assertTrue(grown(target).contains(tip.x(), tip.y()), "arrow tip on " + graph.getEdgeTarget(edge));
        }
    }

    @Test
    void clicksSelectOneOrManyAndABackgroundClickClears(FxRobot robot) {
        awaitLayout(view);
        DagSelectionModel<String> selection = view.getSelectionModel();

        robot.clickOn(cell("orders"));
        assertEquals(Set.of("orders"), Set.copyOf(selection.getSelectedItems()));
        assertTrue(onFx(() -> cell("orders").isSelected()), "cell shows :selected");

        robot.press(KeyCode.CONTROL).clickOn(cell("customers")).release(KeyCode.CONTROL);
        assertEquals(Set.of("customers"), Set.copyOf(selection.getSelectedItems()), "single mode keeps one");

        onFx(() -> selection.setSelectionMode(SelectionMode.MULTIPLE));
        robot.press(KeyCode.CONTROL).clickOn(cell("dashboard")).release(KeyCode.CONTROL);
        assertEquals(Set.of("customers", "dashboard"), Set.copyOf(selection.getSelectedItems()));
        assertEquals("dashboard", selection.getSelectedItem());
        assertTrue(onFx(() -> highlightedEdges().size()) >= 3, "edges around the selection are highlighted");

        robot.press(KeyCode.CONTROL).clickOn(cell("customers")).release(KeyCode.CONTROL);
        assertEquals(Set.of("dashboard"), Set.copyOf(selection.getSelectedItems()), "shortcut-click toggles");

        robot.clickOn(robot.point(view).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(5, 5)));
        assertTrue(selection.isEmpty());
        assertFalse(onFx(() -> cell("dashboard").isSelected()));
        assertTrue(onFx(this::highlightedEdges).isEmpty());
    }

    @Test
    void doubleClickAndContextMenuReachTheCallbacks(FxRobot robot) {
        awaitLayout(view);

        robot.doubleClickOn(cell("order_facts"));
        assertEquals(List.of("order_facts"), doubleClicked);
        assertEquals("order_facts", view.getSelectionModel().getSelectedItem());

        requestContextMenu(cell("frontier"), false);
        assertEquals(List.of("frontier"), contextMenus);
        assertEquals("frontier", view.getSelectionModel().getSelectedItem(), "the menu's node is selected");

        onFx(() -> view.getSelectionModel().clearAndSelect("dashboard"));
        requestContextMenu(view, true);
        assertEquals(List.of("frontier", "dashboard"), contextMenus, "from the keyboard: the selected node");

        requestContextMenu(view, false);
        assertEquals(2, contextMenus.size(), "nothing for the background");
    }

    /**
     * Asks for a context menu the way JavaFX's Scene does for a right click (pick the point, fire at the picked
     * node) or for the menu key (fire at the focus owner). The robot cannot: Monocle's headless platform never
     * reports menu requests (its mouse input does not call {@code notifyMenu}).
     */
    private static void requestContextMenu(Node node, boolean keyboard) {
        onFx(() -> {
            Node picked = keyboard ? node : Objects.requireNonNullElse(node.lookup(".text"), node);
            Bounds local = picked.getLayoutBounds();
            Point3D point = new Point3D(local.getCenterX(), local.getCenterY(), 0);
            Point2D scene = picked.localToScene(local.getCenterX(), local.getCenterY());
            Point2D screen = picked.localToScreen(local.getCenterX(), local.getCenterY());
            Event.fireEvent(picked, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    scene.getX(), scene.getY(), screen.getX(), screen.getY(), keyboard,
                    new PickResult(picked, point, 1.0)));
        });
    }

    @Test
    void aStatusChangeRestylesTheSameNodeWithoutALayout() {
        awaitLayout(view);
        DagCell<String> before = cell("reach_summary");
        LayoutResult<String, DefaultEdge> layout = onFx(view::getLayoutResult);
        assertTrue(onFx(() -> before.getStyleClass().contains(StatusStyles.FRESH.styleClass())));

        onFx(() -> statuses.get("reach_summary").set(StatusStyles.ERROR.styleClass()));

        DagCell<String> after = cell("reach_summary");
        assertSame(before, after);
        List<String> classes = onFx(() -> List.copyOf(after.getStyleClass()));
        assertTrue(classes.contains(StatusStyles.ERROR.styleClass()), classes.toString());
        assertFalse(classes.contains(StatusStyles.FRESH.styleClass()), classes.toString());
        assertEquals(StatusStyles.ERROR.styleClass(), onFx(after::getStatus));
        assertSame(layout, onFx(view::getLayoutResult), "no new layout");
        assertFalse(onFx(view::isLayoutPending));
    }

    @Test
    void aShapeChangeReusesNodesAndKeepsTheSelectedNodeWhereItWas() {
        awaitLayout(view);
        onFx(() -> view.getSelectionModel().select("reach_summary"));
        DagCell<String> kept = cell("reach_summary");
        Point2D before = onScreen(kept);
        double zoom = onFx(view::getZoom);

        onFx(() -> {
            graph.addVertex("late_arrival");
            graph.addEdge("orders", "late_arrival");
        });
        awaitLayout(view);
        onFx(() -> {
            graph.addVertex("orders_archive_that_is_long");
            graph.addEdge("late_arrival", "orders_archive_that_is_long");
        });
        awaitLayout(view);

        assertSame(kept, cell("reach_summary"), "the node of a remaining vertex is reused");
        assertTrue(onFx(() -> cell("orders_archive_that_is_long").isVisible()));
        assertEquals(graph.vertexSet().size(), onFx(() -> view.lookupAll("." + DagStyleClass.NODE).size()));
        assertEquals(zoom, onFx(view::getZoom));
        Point2D after = onScreen(kept);
        assertTrue(before.distance(after) <= PIXEL, "selected node stays put: " + before + " -> " + after);

        onFx(() -> graph.removeVertex("frontier"));
        awaitLayout(view);
        assertTrue(onFx(() -> view.lookup("." + DagStyleClass.SCC_BOX)) == null, "no cycle, no box");
        assertEquals(graph.vertexSet().size(), onFx(() -> view.lookupAll("." + DagStyleClass.NODE).size()));
    }

    @Test
    void theWheelZoomsAroundThePointerAndADragPans(FxRobot robot) {
        awaitLayout(view);
        DagCell<String> target = cell("customer_360");
        Point2D before = onScreen(target);
        double zoom = onFx(view::getZoom);

        robot.moveTo(target).scroll(2, VerticalDirection.UP);

        // On Monocle TestFX's UP arrives as a negative deltaY, so it zooms out; check the change, not its sign.
        assertTrue(Math.abs(onFx(view::getZoom) - zoom) > 0.1, "the wheel zooms");
        Point2D pointer = robot.point(before).query();
        assertTrue(onFx(() -> target.localToScreen(target.getLayoutBounds()).contains(pointer)),
                "the node under the pointer stays under it");

        double panX = onFx(() -> view.panXProperty().get());
        double panY = onFx(() -> view.panYProperty().get());
        robot.drag(view, MouseButton.PRIMARY).moveBy(120, 40).release(MouseButton.PRIMARY);

        assertEquals(panX + 120, onFx(() -> view.panXProperty().get()), 2 * PIXEL);
        assertEquals(panY + 40, onFx(() -> view.panYProperty().get()), 2 * PIXEL);
    }

    @Test
    void fitToViewShowsEverythingAndFocusOnCentresANode() {
        awaitLayout(view);
        onFx(() -> {
            view.setZoom(3);
            view.panXProperty().set(-4000);
        });

        onFx(view::fitToView);
        Bounds visible = onFx(() -> view.localToScreen(view.getLayoutBounds()));
        for (String vertex : graph.vertexSet()) {
            Bounds cell = onFx(() -> cell(vertex).localToScreen(cell(vertex).getLayoutBounds()));
            assertTrue(visible.contains(cell), vertex + " visible after fit");
        }

        onFx(() -> view.setZoom(0.2));
        onFx(() -> view.focusOn("frontier"));
        Point2D centre = new Point2D(visible.getCenterX(), visible.getCenterY());
        assertTrue(onScreen(cell("frontier")).distance(centre) <= PIXEL, "frontier in the middle");
        assertTrue(onFx(view::getZoom) >= Viewport.READABLE_ZOOM, "zoomed in to readable");
    }

    @Test
    void aCellFactoryDecidesWhatNodesShowAndTheirSize() {
        awaitLayout(view);
        double narrow = onFx(() -> view.getLayoutResult().node("orders").bounds().width());

        onFx(() -> view.setCellFactory(DagCell.showing(v -> "table " + v.toUpperCase(Locale.ROOT))));
        awaitLayout(view);

        assertEquals("table ORDERS", onFx(() -> cell("orders").getText()));
        assertTrue(onFx(() -> view.getLayoutResult().node("orders").bounds().width()) > narrow, "measured anew");
        assertTrue(onFx(() -> cell("orders").getStyleClass().contains(StatusStyles.FRESH.styleClass())),
                "new cells follow the status too");
    }

    @Test
    void aLargeGraphIsLaidOutInTheBackgroundAndShownWhole() {
        ListenableGraph<String, DefaultEdge> large = SampleGraphs.generated(400, 700, 4, 9);
        AtomicReference<Boolean> pendingRightAfter = new AtomicReference<>();
        onFx(() -> {
            view.setGraph(large);
            pendingRightAfter.set(view.isLayoutPending());
        });
        awaitLayout(view);

        assertTrue(pendingRightAfter.get(), "a new graph makes a layout pending at once");
        assertEquals(400, onFx(() -> view.getLayoutResult().nodes().size()));
        List<Node> cells = onFx(() -> List.copyOf(view.lookupAll("." + DagStyleClass.NODE)));
        assertEquals(400, cells.size());
        assertTrue(cells.stream().allMatch(Node::isVisible), "every node placed and shown");
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private DagCell<String> cell(String vertex) {
        return onFx(() -> view.lookupAll("." + DagStyleClass.NODE).stream()
                .map(n -> (DagCell<String>) n)
                .filter(c -> vertex.equals(c.getItem()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cell for " + vertex)));
    }

    private List<Node> highlightedEdges() {
        return view.lookupAll("." + DagStyleClass.EDGE).stream()
                .filter(n -> n.getPseudoClassStates().contains(DagStyleClass.HIGHLIGHTED))
                .toList();
    }

    private static Point2D onScreen(Node node) {
        Bounds b = onFx(() -> node.localToScreen(node.getLayoutBounds()));
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private static Bounds grown(Bounds b) {
        return new BoundingBox(b.getMinX() - PIXEL, b.getMinY() - PIXEL,
                b.getWidth() + 2 * PIXEL, b.getHeight() + 2 * PIXEL);
    }
}
