package io.trickle.dagviewer.layout;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished layout: where every vertex, edge and component box goes. Immutable, so it can be computed on one
 * thread and drawn on another.
 *
 * @param nodes      the placement of every vertex, in the graph's vertex order
 * @param edges      the route of every edge, in the graph's edge order
 * @param components the boxes of the non-trivial strongly connected components, by index
 * @param size       the size of the whole drawing, margins included; every box and route lies inside it
 * @param options    the options it was computed with
 */
public record LayoutResult<V, E>(Map<V, NodePlacement<V>> nodes, Map<E, EdgeRoute<V, E>> edges,
                                 List<SccBox<V>> components, Size size, LayoutOptions options) {

    public LayoutResult {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
        components = List.copyOf(components);
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(options, "options");
    }

    public static <V, E> LayoutResult<V, E> empty(LayoutOptions options) {
        return new LayoutResult<>(Map.of(), Map.of(), List.of(), Size.ZERO, options);
    }

    public NodePlacement<V> node(V vertex) {
        NodePlacement<V> placement = nodes.get(vertex);
        if (placement == null) {
            throw new IllegalArgumentException("not in this layout: " + vertex);
        }
        return placement;
    }

    /** The box of the component that {@code vertex} belongs to, if it lies on a cycle. */
    public Optional<SccBox<V>> componentOf(V vertex) {
        return components.stream().filter(box -> box.members().contains(vertex)).findFirst();
    }
}
