package io.trickle.dagviewer.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.dagviewer.demo.SampleGraphs;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.graph.SimpleGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The layout without a display: layers, boxes and routes of the sample graphs and of edge cases. */
class LayeredLayoutTest {

    private static final Function<String, Size> NODE_SIZES = name -> new Size(8 * name.length() + 20, 28);
    private static final Size LABEL = new Size(150, 16);

    private final LayeredLayout leftToRight = new LayeredLayout(LayoutOptions.DEFAULT);

    @Test
    void aChainTakesOneLayerPerVertex() {
        Graph<String, DefaultEdge> chain = SampleGraphs.chain();
        LayoutResult<String, DefaultEdge> result = leftToRight.layout(chain, NODE_SIZES);

        assertEquals(List.of(0, 1, 2, 3), result.nodes().values().stream().map(NodePlacement::layer).toList());
        assertTrue(result.components().isEmpty());
        LayoutChecks.assertSound(chain, result);
    }

    @Test
    void aDiamondPutsBothMiddleVerticesBetweenItsEnds() {
        Graph<String, DefaultEdge> diamond = SampleGraphs.diamond();
        LayoutResult<String, DefaultEdge> result = leftToRight.layout(diamond, NODE_SIZES);

        int top = result.node("events").layer();
        int bottom = result.node("engagement").layer();
        for (String middle : List.of("sessions", "page_views")) {
            assertTrue(top < result.node(middle).layer() && result.node(middle).layer() < bottom, middle);
        }
        LayoutChecks.assertSound(diamond, result);
    }

    @Test
    void aCycleInsideADagGetsOneBoxWithItsLabelAboveItsMembers() {
        Graph<String, DefaultEdge> graph = SampleGraphs.cycleInDag();
        LayoutResult<String, DefaultEdge> result = leftToRight.layout(graph, NODE_SIZES, members -> LABEL);

        assertEquals(1, result.components().size());
        SccBox<String> box = result.components().get(0);
        assertEquals(Set.of("reachable", "frontier"), box.members());
        assertTrue(box.labelBounds().height() == LABEL.height() && box.labelBounds().width() >= LABEL.width());
        for (String member : box.members()) {
            assertTrue(box.labelBounds().maxY() <= result.node(member).bounds().y(), member + " below the label");
        }
        long cycleEdges = result.edges().values().stream().filter(EdgeRoute::withinCycle).count();
        assertEquals(2, cycleEdges);
        LayoutChecks.assertSound(graph, result);
    }

    @ParameterizedTest
    @EnumSource(LayoutDirection.class)
    void aBoxIsWideEnoughForItsLabelInBothDirections(LayoutDirection direction) {
        Size wideLabel = new Size(400, 16);
        LayeredLayout layout = new LayeredLayout(LayoutOptions.DEFAULT.withDirection(direction));

        Graph<String, DefaultEdge> graph = SampleGraphs.cycleInDag();
        LayoutResult<String, DefaultEdge> result = layout.layout(graph, NODE_SIZES, members -> wideLabel);

        SccBox<String> box = result.components().get(0);
        assertTrue(box.bounds().width() >= wideLabel.width() + 2 * LayoutOptions.DEFAULT.sccPadding(),
                "box " + box.bounds());
        LayoutChecks.assertSound(graph, result);
    }

    @ParameterizedTest
    @EnumSource(EdgeStyle.class)
    void aLargeGraphWithCyclesKeepsEveryRuleInEveryStyle(EdgeStyle style) {
        Graph<String, DefaultEdge> graph = SampleGraphs.generated(500, 1000, 6, 7);
        LayeredLayout layout = new LayeredLayout(LayoutOptions.DEFAULT.withEdgeStyle(style));

        LayoutResult<String, DefaultEdge> result = layout.layout(graph, NODE_SIZES, members -> LABEL);

        assertEquals(500, result.nodes().size());
        assertEquals(1000, result.edges().size());
        assertTrue(result.components().size() >= 5, "cycles: " + result.components().size());
        LayoutChecks.assertSound(graph, result);
    }

    @Test
    void topDownLayersRunDownwards() {
        Graph<String, DefaultEdge> graph = SampleGraphs.generated(200, 320, 3, 11);
        LayeredLayout layout = new LayeredLayout(LayoutOptions.DEFAULT.withDirection(LayoutDirection.TOP_DOWN));

        LayoutResult<String, DefaultEdge> result = layout.layout(graph, NODE_SIZES, members -> LABEL);

        LayoutChecks.assertSound(graph, result);
    }

    @Test
    void splineRoutesAreBezierChainsBetweenOrdinaryVertices() {
        Graph<String, DefaultEdge> graph = SampleGraphs.generated(60, 100, 0, 3);
        LayeredLayout layout = new LayeredLayout(LayoutOptions.DEFAULT.withEdgeStyle(EdgeStyle.SPLINES));

        LayoutResult<String, DefaultEdge> result = layout.layout(graph, NODE_SIZES);

        long bent = result.edges().values().stream().filter(route -> route.points().size() > 2).count();
        long bezier = result.edges().values().stream().filter(EdgeRoute::isBezierChain).count();
        assertTrue(bent > 0 && bezier == bent, bezier + " of " + bent + " bent routes are Bézier chains");
    }

    @Test
    void aSelfLoopIsACycleOfOne() {
        Graph<String, DefaultEdge> graph = new DirectedPseudograph<>(DefaultEdge.class);
        for (String v : List.of("a", "b", "c")) {
            graph.addVertex(v);
        }
        graph.addEdge("a", "b");
        graph.addEdge("b", "b");
        graph.addEdge("b", "c");
        graph.addEdge("b", "c");

        LayoutResult<String, DefaultEdge> result = leftToRight.layout(graph, NODE_SIZES, members -> LABEL);

        assertEquals(List.of(Set.of("b")), result.components().stream().map(SccBox::members).toList());
        assertEquals(4, result.edges().size());
        LayoutChecks.assertSound(graph, result);
    }

    @Test
    void theSameGraphAlwaysGivesTheSameLayout() {
        Graph<String, DefaultEdge> graph = SampleGraphs.generated(120, 200, 2, 5);

        assertEquals(leftToRight.layout(graph, NODE_SIZES, members -> LABEL),
                leftToRight.layout(graph, NODE_SIZES, members -> LABEL));
    }

    @Test
    void anEmptyGraphHasAnEmptyLayoutAndAnUndirectedOneIsRefused() {
        assertTrue(leftToRight.layout(new DefaultDirectedGraph<String, DefaultEdge>(DefaultEdge.class), NODE_SIZES)
                .nodes().isEmpty());
        Graph<String, DefaultEdge> undirected = new SimpleGraph<>(DefaultEdge.class);
        undirected.addVertex("a");
        assertThrows(IllegalArgumentException.class, () -> leftToRight.layout(undirected, NODE_SIZES));
    }

    @Test
    void componentsAreNumberedInVertexOrderAndTrivialOnesLeftOut() {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (String v : List.of("a", "b", "c", "d", "e")) {
            graph.addVertex(v);
        }
        graph.addEdge("d", "e");
        graph.addEdge("e", "d");
        graph.addEdge("b", "c");
        graph.addEdge("c", "b");
        graph.addEdge("a", "b");

        StrongComponents<String> components = StrongComponents.of(graph);

        assertEquals(List.of(Set.of("b", "c"), Set.of("d", "e")), components.cycles());
        assertEquals(1, components.indexOf("e").orElseThrow());
        assertFalse(components.indexOf("a").isPresent());
        assertTrue(components.sameCycle("b", "c"));
        assertFalse(components.sameCycle("a", "b"));
    }
}
