package io.trickle.dagviewer.layout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.ContentAlignment;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.jgrapht.Graph;

/**
 * Turns a JGraphT graph into an ELK graph ready for ELK Layered.
 *
 * <p>Each non-trivial strongly connected component becomes a compound node that holds its members, laid out
 * together with the rest ({@link HierarchyHandling#INCLUDE_CHILDREN}). At the top level every cycle is then
 * hidden inside one compound node, so the top-level graph is acyclic and ELK's cycle breaking reverses no edge
 * there: every edge between different components points from an earlier layer to a later one. Inside a compound
 * node ELK breaks the cycle as it sees fit.
 */
final class ElkGraphBuilder<V, E> {

    /** The empty border around the whole drawing. */
    static final double DRAWING_MARGIN = 16;

    private final LayoutOptions options;
    private final ElkNode root = ElkGraphUtil.createGraph();
    private final Map<V, ElkNode> vertexNodes = new LinkedHashMap<>();
    private final Map<E, ElkEdge> edges = new LinkedHashMap<>();
    private final List<ElkNode> componentNodes = new ArrayList<>();

    private ElkGraphBuilder(LayoutOptions options) {
        this.options = options;
    }

    /** What was built: the ELK root and where each part of the JGraphT graph went. */
    record ElkModel<V, E>(ElkNode root, Map<V, ElkNode> vertexNodes, Map<E, ElkEdge> edges,
                          List<ElkNode> componentNodes) {
    }

    static <V, E> ElkModel<V, E> build(Graph<V, E> graph, StrongComponents<V> components,
                                       Function<? super V, Size> nodeSizes,
                                       Function<? super Set<V>, Size> labelSizes, LayoutOptions options) {
        ElkGraphBuilder<V, E> builder = new ElkGraphBuilder<>(options);
        builder.configureRoot();
        for (Set<V> cycle : components.cycles()) {
            builder.componentNodes.add(builder.createComponentNode(labelSizes.apply(cycle)));
        }
        for (V vertex : graph.vertexSet()) {
            ElkNode parent = components.indexOf(vertex).stream()
                    .mapToObj(builder.componentNodes::get)
                    .findFirst()
                    .orElse(builder.root);
            ElkNode node = ElkGraphUtil.createNode(parent);
            Size size = nodeSizes.apply(vertex);
            node.setDimensions(size.width(), size.height());
            builder.vertexNodes.put(vertex, node);
        }
        for (E edge : graph.edgeSet()) {
            ElkEdge elkEdge = ElkGraphUtil.createSimpleEdge(
                    builder.vertexNodes.get(graph.getEdgeSource(edge)),
                    builder.vertexNodes.get(graph.getEdgeTarget(edge)));
            // An edge belongs to the innermost node holding both ends; ELK reads its route relative to that node.
            ElkGraphUtil.updateContainment(elkEdge);
            builder.edges.put(edge, elkEdge);
        }
        return new ElkModel<>(builder.root, builder.vertexNodes, builder.edges, builder.componentNodes);
    }

    /** The padding above a component's members: room for its label, with half a padding above and below. */
    static double componentTopPadding(LayoutOptions options, Size labelSize) {
        return labelSize.height() > 0 ? labelSize.height() + options.sccPadding() : options.sccPadding();
    }

    private void configureRoot() {
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(LayeredOptions.DIRECTION, elkDirection());
        root.setProperty(LayeredOptions.EDGE_ROUTING, elkEdgeRouting());
        root.setProperty(LayeredOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        // Makes ELK report the layer of each top-level node, which LayoutResult passes on.
        root.setProperty(LayeredOptions.GENERATE_POSITION_AND_LAYER_IDS, true);
        root.setProperty(LayeredOptions.PADDING, new ElkPadding(DRAWING_MARGIN));
        applySpacing(root);
    }

    private ElkNode createComponentNode(Size labelSize) {
        ElkNode node = ElkGraphUtil.createNode(root);
        double pad = options.sccPadding();
        node.setProperty(LayeredOptions.PADDING,
                new ElkPadding(componentTopPadding(options, labelSize), pad, pad, pad));
        if (labelSize.width() > 0) {
            double minWidth = labelSize.width() + 2 * pad;
            // ELK 0.10 applies a compound node's minimum size before it turns a top-down layout back from its
            // internal left-to-right form, so for TOP_DOWN the width must be given as the height.
            KVector minimum = options.direction() == LayoutDirection.TOP_DOWN
                    ? new KVector(0, minWidth)
                    : new KVector(minWidth, 0);
            node.setProperty(CoreOptions.NODE_SIZE_MINIMUM, minimum);
            node.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
            // A box widened for its label keeps its members in the middle rather than at the left.
            node.setProperty(CoreOptions.CONTENT_ALIGNMENT,
                    EnumSet.of(ContentAlignment.H_CENTER, ContentAlignment.V_CENTER));
        }
        applySpacing(node);
        return node;
    }

    private void applySpacing(ElkNode parent) {
        parent.setProperty(LayeredOptions.SPACING_NODE_NODE, options.nodeSpacing());
        parent.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, options.layerSpacing());
        parent.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, options.layerSpacing() / 4);
    }

    private Direction elkDirection() {
        return switch (options.direction()) {
            case LEFT_TO_RIGHT -> Direction.RIGHT;
            case TOP_DOWN -> Direction.DOWN;
        };
    }

    private EdgeRouting elkEdgeRouting() {
        return switch (options.edgeStyle()) {
            case ORTHOGONAL -> EdgeRouting.ORTHOGONAL;
            case SPLINES -> EdgeRouting.SPLINES;
            case POLYLINE -> EdgeRouting.POLYLINE;
        };
    }
}
