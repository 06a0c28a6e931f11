package io.trickle.engine.graph;

import static io.trickle.engine.graph.DependencyGraphTest.readsSource;
import static io.trickle.engine.graph.DependencyGraphTest.readsTable;
import static io.trickle.engine.graph.DependencyGraphTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SccNumberingTest {

    private final AtomicInteger sequence = new AtomicInteger(10);

    /** 1 <-> 2, and 3 <-> 4 when {@code secondCycle}; 5 reads 1 and is in no cycle. */
    private static DependencyGraph graph(boolean secondCycle, boolean threeInFirst) {
        List<Read> reads = new java.util.ArrayList<>(List.of(readsSource(1, 9), readsTable(2, 1), readsTable(1, 2),
                readsTable(5, 1), readsTable(4, 3)));
        if (secondCycle) {
            reads.add(readsTable(3, 4));
        }
        if (threeInFirst) {
            reads.add(readsTable(3, 2));
            reads.add(readsTable(1, 3));
        }
        return DependencyGraph.of(List.of(table(1, "1s"), table(2, "1s"), table(3, "1s"), table(4, "1s"), table(5, "1s")),
                reads);
    }

    private Map<Long, Integer> assign(DependencyGraph g, Map<Long, Integer> current) {
        return SccNumbering.assign(g, current, sequence::incrementAndGet);
    }

    @Test
    void newCyclesGetFreshNumbersAndOtherTablesNone() {
        assertEquals(Map.of(1L, 11, 2L, 11, 3L, 12, 4L, 12), assign(graph(true, false), Map.of()));
    }

    @Test
    void aCycleWhoseMembersStayKeepsItsNumber() {
        Map<Long, Integer> current = new HashMap<>(Map.of(1L, 3, 2L, 3));
        current.put(5L, null);
        assertEquals(Map.of(1L, 3, 2L, 3, 3L, 11, 4L, 11), assign(graph(true, false), current),
                "forming a second cycle does not renumber the first");
        assertEquals(Map.of(1L, 3, 2L, 3), assign(graph(false, false), Map.of(1L, 3, 2L, 3, 3L, 7, 4L, 7)),
                "breaking the second cycle leaves the first alone and numbers nothing else");
    }

    @Test
    void aCycleThatGainsOrLosesMembersIsNumberedAfresh() {
        assertEquals(Map.of(1L, 11, 2L, 11, 3L, 11, 4L, 11), assign(graph(true, true), Map.of(1L, 3, 2L, 3, 3L, 4, 4L, 4)),
                "two cycles merged");
        assertEquals(Map.of(1L, 12, 2L, 12), assign(graph(false, false), Map.of(1L, 5, 2L, 5, 3L, 5, 4L, 5)),
                "a cycle that lost members");
    }
}
