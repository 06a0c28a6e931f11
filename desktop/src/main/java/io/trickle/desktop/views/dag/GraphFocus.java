package io.trickle.desktop.views.dag;

import io.trickle.engine.api.DependencyGraph;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Which part of the dependency graph the view draws: the relations the name filter keeps (a stream
 * table whose name matches, with the sources it reads, as the navigator shows it; a source whose name
 * matches), narrowed by a {@link DependenciesViewModel.Focus} to the neighbourhood of the selection.
 * Pure functions over the engine's graph record, tested without a display.
 */
final class GraphFocus {

    private GraphFocus() {
    }

    static DependencyGraph keep(DependencyGraph graph, String filter, DependenciesViewModel.Focus focus,
                                Collection<String> selected) {
        Set<String> kept = filtered(graph, filter);
        if (focus != DependenciesViewModel.Focus.ALL && !selected.isEmpty()) {
            Set<String> around = focus == DependenciesViewModel.Focus.NEIGHBOURS ? neighbours(graph, selected)
                    : lineage(graph, selected);
            kept.retainAll(around);
        }
        List<DependencyGraph.Node> nodes = graph.nodes().stream().filter(n -> kept.contains(n.name())).toList();
        List<DependencyGraph.Edge> edges = graph.edges().stream()
                .filter(e -> kept.contains(e.from()) && kept.contains(e.to())).toList();
        return new DependencyGraph(nodes, edges);
    }

    private static Set<String> filtered(DependencyGraph graph, String filter) {
        String needle = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (DependencyGraph.Node node : graph.nodes()) {
            if (needle.isEmpty() || node.name().toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(node.name());
            }
        }
        if (!needle.isEmpty()) {
            // A stream table that matches keeps what it reads in view, as in the navigator.
            for (DependencyGraph.Edge edge : graph.edges()) {
                if (out.contains(edge.to()) && edge.to().toLowerCase(Locale.ROOT).contains(needle)) {
                    out.add(edge.from());
                }
            }
        }
        return out;
    }

    private static Set<String> neighbours(DependencyGraph graph, Collection<String> selected) {
        Set<String> out = new HashSet<>(selected);
        for (DependencyGraph.Edge edge : graph.edges()) {
            if (selected.contains(edge.from())) {
                out.add(edge.to());
            }
            if (selected.contains(edge.to())) {
                out.add(edge.from());
            }
        }
        return out;
    }

    private static Set<String> lineage(DependencyGraph graph, Collection<String> selected) {
        Set<String> out = new HashSet<>(selected);
        out.addAll(reach(selected, name -> graph.edges().stream().filter(e -> e.to().equals(name))
                .map(DependencyGraph.Edge::from).toList()));
        out.addAll(reach(selected, name -> graph.edges().stream().filter(e -> e.from().equals(name))
                .map(DependencyGraph.Edge::to).toList()));
        return out;
    }

    private static Set<String> reach(Collection<String> from, Function<String, List<String>> next) {
        Set<String> seen = new HashSet<>(from);
        Deque<String> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            for (String n : next.apply(todo.poll())) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }
}
