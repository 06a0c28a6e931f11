package io.trickle.desktop.views.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.DependencyGraph.Edge;
import io.trickle.engine.api.DependencyGraph.Kind;
import io.trickle.engine.api.DependencyGraph.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshOrderTest {

    private static Node st(String name) {
        return new Node(name, Kind.STREAM_TABLE, "ACTIVE", null);
    }

    private static Node scc(String name, int id) {
        return new Node(name, Kind.STREAM_TABLE, "ACTIVE", id);
    }

    @Test
    void upstreamTablesComeFirstWhateverOrderTheyWereSelectedIn() {
        DependencyGraph graph = new DependencyGraph(List.of(st("z_totals"), st("a_report"), st("m_middle"),
                new Node("orders", Kind.TABLE, null, null)),
                List.of(new Edge("orders", "z_totals"), new Edge("z_totals", "m_middle"), new Edge("m_middle", "a_report")));
        assertEquals(List.of("z_totals", "m_middle", "a_report"),
                RefreshOrder.of(graph, List.of("a_report", "m_middle", "z_totals")));
    }

    @Test
    void dependenciesThroughTablesNotSelectedStillCount() {
        DependencyGraph graph = new DependencyGraph(List.of(st("b_first"), st("x_between"), st("a_last")),
                List.of(new Edge("b_first", "x_between"), new Edge("x_between", "a_last")));
        assertEquals(List.of("b_first", "a_last"), RefreshOrder.of(graph, List.of("a_last", "b_first")));
    }

    @Test
    void independentTablesGoByName() {
        DependencyGraph graph = new DependencyGraph(List.of(st("c"), st("a"), st("b")), List.of());
        assertEquals(List.of("a", "b", "c"), RefreshOrder.of(graph, List.of("c", "b", "a")));
    }

    @Test
    void aCycleComesAfterWhatItReadsAndBeforeItsReaders() {
        DependencyGraph graph = new DependencyGraph(List.of(st("a_reader"), scc("m_one", 1), scc("k_two", 1),
                st("z_source")), List.of(new Edge("z_source", "m_one"), new Edge("m_one", "k_two"),
                new Edge("k_two", "m_one"), new Edge("k_two", "a_reader")));
        assertEquals(List.of("z_source", "k_two", "m_one", "a_reader"),
                RefreshOrder.of(graph, List.of("a_reader", "m_one", "k_two", "z_source")));
    }

    @Test
    void namesTheGraphDoesNotKnowYetAreKept() {
        DependencyGraph graph = new DependencyGraph(List.of(st("a")), List.of());
        assertEquals(List.of("a", "new_one"), RefreshOrder.of(graph, List.of("new_one", "a")));
    }
}
