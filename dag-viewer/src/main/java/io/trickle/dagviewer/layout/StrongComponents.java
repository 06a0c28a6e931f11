package io.trickle.dagviewer.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * The cycles of a directed graph, as its non-trivial strongly connected components: those with at least two
 * members, or one member with an edge to itself. Every other vertex lies on no cycle.
 *
 * <p>Components are numbered from 0 in the order of their first member in the graph's vertex order, and each
 * component lists its members in that order, so the same graph always gives the same numbering.
 */
public final class StrongComponents<V> {

    private final List<Set<V>> cycles;
    private final Map<V, Integer> indexByMember;

    private StrongComponents(List<Set<V>> cycles) {
        this.cycles = List.copyOf(cycles);
        Map<V, Integer> index = new HashMap<>();
        for (int i = 0; i < cycles.size(); i++) {
            for (V member : cycles.get(i)) {
                index.put(member, i);
            }
        }
        this.indexByMember = index;
    }

    /** Finds the cycles of a directed graph (JGraphT's Kosaraju inspector). */
    public static <V, E> StrongComponents<V> of(Graph<V, E> graph) {
        Objects.requireNonNull(graph, "graph");
        if (!graph.getType().isDirected()) {
            throw new IllegalArgumentException("a layered layout needs a directed graph");
        }
        Map<V, Integer> order = new HashMap<>();
        for (V v : graph.vertexSet()) {
            order.put(v, order.size());
        }
        List<Set<V>> cycles = new ArrayList<>();
        for (Set<V> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            V any = component.iterator().next();
            if (component.size() > 1 || graph.containsEdge(any, any)) {
                List<V> members = new ArrayList<>(component);
                members.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
                cycles.add(Collections.unmodifiableSet(new LinkedHashSet<>(members)));
            }
        }
        cycles.sort((a, b) -> Integer.compare(order.get(a.iterator().next()), order.get(b.iterator().next())));
        return new StrongComponents<>(cycles);
    }

    /** The non-trivial components, numbered by their position in this list. */
    public List<Set<V>> cycles() {
        return cycles;
    }

    /** The number of the component that {@code vertex} belongs to, or empty if it lies on no cycle. */
    public OptionalInt indexOf(V vertex) {
        Integer index = indexByMember.get(vertex);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    /** True when both ends lie on a common cycle, so an edge between them may point backwards. */
    public boolean sameCycle(V a, V b) {
        Integer first = indexByMember.get(a);
        return first != null && first.equals(indexByMember.get(b));
    }
}
