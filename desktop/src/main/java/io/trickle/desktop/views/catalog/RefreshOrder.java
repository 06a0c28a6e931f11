package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.DependencyGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The order in which to refresh several stream tables so that each reads inputs already refreshed:
 * a topological order of the dependency graph, restricted to the tables asked for. Dependencies
 * through tables not asked for still count (if {@code a → x → b} and only {@code a} and {@code b}
 * are asked for, {@code a} comes first). A cycle's members come together, by name, after everything
 * the cycle reads; ties go by name, so the order is the same every time.
 */
public final class RefreshOrder {

    private RefreshOrder() {
    }

    public static List<String> of(DependencyGraph graph, Collection<String> wanted) {
        Set<String> asked = new TreeSet<>(wanted);
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        graph.nodes().forEach(n -> g.addVertex(n.name()));
        asked.forEach(g::addVertex);
        for (DependencyGraph.Edge edge : graph.edges()) {
            g.addVertex(edge.from());
            g.addVertex(edge.to());
            if (!edge.from().equals(edge.to())) {
                g.addEdge(edge.from(), edge.to());
            }
        }
        Graph<Graph<String, DefaultEdge>, DefaultEdge> components =
                new KosarajuStrongConnectivityInspector<>(g).getCondensation();
        Comparator<Graph<String, DefaultEdge>> byFirstName = Comparator.comparing(c -> new TreeSet<>(c.vertexSet()).first());
        List<String> order = new ArrayList<>();
        new TopologicalOrderIterator<>(components, byFirstName).forEachRemaining(component ->
                new TreeSet<>(component.vertexSet()).stream().filter(asked::contains).forEach(order::add));
        return order;
    }
}
