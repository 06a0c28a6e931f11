package io.trickle.dagviewer.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.jgrapht.Graph;

/**
 * Reads a finished ELK layout back into a {@link LayoutResult}, in absolute coordinates.
 *
 * <p>ELK stores a node relative to its parent and an edge's route relative to the node that contains the edge
 * (see {@link ElkGraphBuilder}); both are shifted here by the absolute position of that parent or container.
 */
final class ElkLayoutReader<V, E> {

    private final Graph<V, E> graph;
    private final StrongComponents<V> components;
    private final ElkGraphBuilder.ElkModel<V, E> model;
    private final Function<? super Set<V>, Size> labelSizes;
    private final LayoutOptions options;

    ElkLayoutReader(Graph<V, E> graph, StrongComponents<V> components, ElkGraphBuilder.ElkModel<V, E> model,
                    Function<? super Set<V>, Size> labelSizes, LayoutOptions options) {
        this.graph = graph;
        this.components = components;
        this.model = model;
        this.labelSizes = labelSizes;
        this.options = options;
    }

    LayoutResult<V, E> read() {
        Map<V, NodePlacement<V>> nodes = new LinkedHashMap<>();
        model.vertexNodes().forEach((vertex, node) ->
                nodes.put(vertex, new NodePlacement<>(vertex, absoluteBounds(node), layerOf(node))));

        Map<E, EdgeRoute<V, E>> edges = new LinkedHashMap<>();
        model.edges().forEach((edge, elkEdge) -> {
            V source = graph.getEdgeSource(edge);
            V target = graph.getEdgeTarget(edge);
            edges.put(edge, new EdgeRoute<>(edge, source, target, routeOf(elkEdge), options.edgeStyle(),
                    components.sameCycle(source, target)));
        });

        List<SccBox<V>> boxes = new ArrayList<>();
        for (int i = 0; i < components.cycles().size(); i++) {
            Set<V> members = components.cycles().get(i);
            ElkNode node = model.componentNodes().get(i);
            Box bounds = absoluteBounds(node);
            boxes.add(new SccBox<>(i, members, bounds, labelBounds(bounds, labelSizes.apply(members)),
                    layerOf(node)));
        }
        ElkNode root = model.root();
        return new LayoutResult<>(nodes, edges, boxes, new Size(root.getWidth(), root.getHeight()), options);
    }

    private Box labelBounds(Box box, Size labelSize) {
        double pad = options.sccPadding();
        return new Box(box.x() + pad, box.y() + pad / 2, Math.max(0, box.width() - 2 * pad), labelSize.height());
    }

    /** The layer ELK gave the node's top-level ancestor: its own, or its component box's. */
    private static int layerOf(ElkNode node) {
        ElkNode topLevel = node;
        while (topLevel.getParent() != null && topLevel.getParent().getParent() != null) {
            topLevel = topLevel.getParent();
        }
        return topLevel.getProperty(LayeredOptions.LAYERING_LAYER_ID);
    }

    private static Box absoluteBounds(ElkNode node) {
        Point origin = absoluteOrigin(node);
        return new Box(origin.x(), origin.y(), node.getWidth(), node.getHeight());
    }

    /** The absolute position of a node's top-left corner; the root itself is the origin. */
    private static Point absoluteOrigin(ElkNode node) {
        double x = 0;
        double y = 0;
        for (ElkNode n = node; n != null && n.getParent() != null; n = n.getParent()) {
            x += n.getX();
            y += n.getY();
        }
        return new Point(x, y);
    }

    private static List<Point> routeOf(ElkEdge edge) {
        Point offset = absoluteOrigin(edge.getContainingNode());
        List<Point> points = new ArrayList<>();
        for (ElkEdgeSection section : edge.getSections()) {
            addUnlessRepeated(points, offset.plus(section.getStartX(), section.getStartY()));
            for (ElkBendPoint bend : section.getBendPoints()) {
                points.add(offset.plus(bend.getX(), bend.getY()));
            }
            addUnlessRepeated(points, offset.plus(section.getEndX(), section.getEndY()));
        }
        return points;
    }

    /** Consecutive sections share their joint; keep it once. */
    private static void addUnlessRepeated(List<Point> points, Point p) {
        if (points.isEmpty() || !points.get(points.size() - 1).equals(p)) {
            points.add(p);
        }
    }
}
