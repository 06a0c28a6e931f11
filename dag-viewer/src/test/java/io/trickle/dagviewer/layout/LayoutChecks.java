package io.trickle.dagviewer.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;

/** The rules every layout must keep, checked on the result alone. */
final class LayoutChecks {

    /** Edge end points lie on their node's border, up to this much rounding. */
    private static final double BORDER_SLACK = 1.0;

    private LayoutChecks() {
    }

    static <V, E> void assertSound(Graph<V, E> graph, LayoutResult<V, E> result) {
        assertEquals(graph.vertexSet(), result.nodes().keySet(), "every vertex placed");
        assertEquals(graph.edgeSet(), result.edges().keySet(), "every edge routed");
        StrongComponents<V> components = StrongComponents.of(graph);
        assertEquals(components.cycles().size(), result.components().size(), "one box per cycle");
        Box drawing = new Box(0, 0, result.size().width(), result.size().height());

        for (EdgeRoute<V, E> route : result.edges().values()) {
            assertEquals(components.sameCycle(route.source(), route.target()), route.withinCycle(), "" + route);
            if (!route.withinCycle()) {
                assertForwards(result, route);
            }
            assertTrue(touches(result.node(route.source()).bounds(), route.start()), "starts at source " + route);
            assertTrue(touches(result.node(route.target()).bounds(), route.end()), "ends at target " + route);
            route.points().forEach(p -> assertTrue(drawing.contains(p), "inside the drawing " + route));
        }
        for (SccBox<V> box : result.components()) {
            assertTrue(drawing.contains(box.bounds()), "box inside the drawing");
            assertTrue(box.bounds().contains(box.labelBounds()), "label inside its box");
            for (V member : box.members()) {
                NodePlacement<V> node = result.node(member);
                assertTrue(box.bounds().contains(node.bounds()), member + " inside its box " + box.bounds());
                assertEquals(box.layer(), node.layer(), member + " has its box's layer");
            }
        }
        assertNoOverlaps(result);
    }

    /** An edge outside every cycle goes to a later layer, and its target lies further along the direction. */
    private static <V, E> void assertForwards(LayoutResult<V, E> result, EdgeRoute<V, E> route) {
        NodePlacement<V> source = result.node(route.source());
        NodePlacement<V> target = result.node(route.target());
        assertTrue(source.layer() >= 0, "layer known for " + route.source());
        assertTrue(source.layer() < target.layer(),
                route.source() + " (layer " + source.layer() + ") -> " + route.target() + " (" + target.layer() + ")");
        Box from = outerBox(result, route.source());
        Box to = outerBox(result, route.target());
        boolean ahead = switch (result.options().direction()) {
            case LEFT_TO_RIGHT -> from.maxX() <= to.x();
            case TOP_DOWN -> from.maxY() <= to.y();
        };
        assertTrue(ahead, route.source() + " " + from + " lies before " + route.target() + " " + to);
    }

    /** What sits in a layer: the vertex itself, or the box of its cycle. */
    private static <V, E> Box outerBox(LayoutResult<V, E> result, V vertex) {
        return result.componentOf(vertex).map(SccBox::bounds).orElse(result.node(vertex).bounds());
    }

    /** No two top-level things (free vertices and boxes) overlap, and no two members of one box either. */
    private static <V, E> void assertNoOverlaps(LayoutResult<V, E> result) {
        List<Box> topLevel = new ArrayList<>();
        result.components().forEach(box -> topLevel.add(box.bounds()));
        result.nodes().values().stream()
                .filter(node -> result.componentOf(node.vertex()).isEmpty())
                .forEach(node -> topLevel.add(node.bounds()));
        assertDisjoint(topLevel, "top level");
        for (SccBox<V> box : result.components()) {
            assertDisjoint(box.members().stream().map(m -> result.node(m).bounds()).toList(), "box " + box.index());
        }
    }

    private static void assertDisjoint(List<Box> boxes, String where) {
        List<Box> sorted = new ArrayList<>(boxes);
        sorted.sort((a, b) -> Double.compare(a.x(), b.x()));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size() && sorted.get(j).x() < sorted.get(i).maxX(); j++) {
                Box a = sorted.get(i);
                Box b = sorted.get(j);
                if (a.y() < b.maxY() && b.y() < a.maxY()) {
                    fail(where + ": " + a + " overlaps " + b);
                }
            }
        }
    }

    private static boolean touches(Box box, Point p) {
        Box grown = new Box(box.x() - BORDER_SLACK, box.y() - BORDER_SLACK,
                box.width() + 2 * BORDER_SLACK, box.height() + 2 * BORDER_SLACK);
        boolean strictlyInside = p.x() > box.x() + BORDER_SLACK && p.x() < box.maxX() - BORDER_SLACK
                && p.y() > box.y() + BORDER_SLACK && p.y() < box.maxY() - BORDER_SLACK;
        return grown.contains(p) && !strictlyInside;
    }
}
