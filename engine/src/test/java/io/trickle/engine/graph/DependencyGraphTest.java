package io.trickle.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    /** Table {@code id} stores into relation {@code 1000 + id}; plain sources have OIDs below 1000. */
    static GraphTable table(long id, String schedule) {
        return new GraphTable(id, "t" + id, 1000 + id, Schedule.parse(schedule));
    }

    static Read readsTable(long reader, long upstream) {
        return new Read(reader, 1000 + upstream);
    }

    static Read readsSource(long reader, long sourceOid) {
        return new Read(reader, sourceOid);
    }

    static List<List<Long>> levelIds(DependencyGraph g) {
        List<List<Long>> out = new ArrayList<>();
        for (List<GraphTable> level : g.levels()) {
            out.add(level.stream().map(GraphTable::id).sorted().toList());
        }
        return out;
    }

    @Test
    void levelsFollowTheLongestChainOfStreamTables() {
        // 1 reads a source; 2 reads 1; 3 reads 1 and 2; 4 reads only a source.
        DependencyGraph g = DependencyGraph.of(
                List.of(table(1, "1s"), table(2, "1s"), table(3, "1s"), table(4, "1s")),
                List.of(readsSource(1, 7), readsTable(2, 1), readsTable(3, 1), readsTable(3, 2), readsSource(4, 7)));
        assertEquals(List.of(List.of(1L, 4L), List.of(2L), List.of(3L)), levelIds(g));
        assertEquals(Optional.of(2), g.level(3));
        assertEquals(Set.of(1L, 2L), g.upstreamTables(3));
        assertEquals(Set.of(2L, 3L), g.readers(1));
        assertTrue(g.cyclicTables().isEmpty());
    }

    @Test
    void tablesInACycleHaveNoLevel() {
        DependencyGraph g = DependencyGraph.of(
                List.of(table(1, "1s"), table(2, "1s"), table(3, "1s")),
                List.of(readsTable(1, 2), readsTable(2, 1), readsTable(3, 2)));
        assertEquals(Set.of(1L, 2L), g.cyclicTables());
        assertEquals(Optional.empty(), g.level(1));
        assertEquals(List.of(List.of(3L)), levelIds(g));
    }

    @Test
    void aDiamondOverAStreamTableTiesItsBranchesTogether() {
        // A(1) -> B(2) -> D(4), A(1) -> C(3) -> D(4); A reads source 7.
        DependencyGraph g = DependencyGraph.of(
                List.of(table(1, "1h"), table(2, "1s"), table(3, "1s"), table(4, "1s")),
                List.of(readsSource(1, 7), readsTable(2, 1), readsTable(3, 1), readsTable(4, 2), readsTable(4, 3)));
        assertEquals(Set.of(2L, 3L), g.consistencySet(4), "the shared ancestor itself is not pulled in");
        assertEquals(Set.of(), g.consistencySet(2));
    }

    @Test
    void aDiamondOverAPlainSourceTiesItsBranchesTogether() {
        // B(2) and C(3) read source 7; D(4) reads both; E(5) reads D and source 8.
        DependencyGraph g = DependencyGraph.of(
                List.of(table(2, "1s"), table(3, "1s"), table(4, "1s"), table(5, "1s")),
                List.of(readsSource(2, 7), readsSource(3, 7), readsTable(4, 2), readsTable(4, 3),
                        readsTable(5, 4), readsSource(5, 8)));
        assertEquals(Set.of(2L, 3L), g.consistencySet(4));
        assertEquals(Set.of(), g.consistencySet(5), "E's inputs D and source 8 share no ancestor");
    }

    @Test
    void aTableReadingTwoUnrelatedSourcesIsNoDiamond() {
        DependencyGraph g = DependencyGraph.of(List.of(table(1, "1s"), table(2, "1s"), table(3, "1s")),
                List.of(readsSource(1, 7), readsSource(2, 8), readsTable(3, 1), readsTable(3, 2)));
        assertEquals(Set.of(), g.consistencySet(3));
    }

    @Test
    void eachCycleIsOneUnitWithItsMembersByIdAndAPathThatClosesIt() {
        // 1 <-> 2 (2 reads 1, 1 reads 2); 3 -> 4 -> 5 -> 3; 6 reads itself; 7 reads 2 and is in no cycle.
        DependencyGraph g = DependencyGraph.of(
                List.of(table(5, "1s"), table(4, "1s"), table(3, "1s"), table(2, "1s"), table(1, "1s"), table(6, "1s"),
                        table(7, "1s")),
                List.of(readsSource(1, 9), readsTable(1, 2), readsTable(2, 1), readsTable(4, 3), readsTable(5, 4),
                        readsTable(3, 5), readsTable(6, 6), readsTable(7, 2)));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L, 5L), List.of(6L)),
                g.cycles().stream().map(Cycle::ids).toList());
        assertEquals(Optional.of(List.of(3L, 4L, 5L)), g.cycleOf(4).map(Cycle::ids));
        assertEquals(Optional.empty(), g.cycleOf(7));
        assertEquals(List.of("t4", "t5", "t3"), g.cyclePath(4).stream().map(GraphTable::name).toList(),
                "5 reads 4, 3 reads 5, 4 reads 3");
        assertEquals(List.of("t6"), g.cyclePath(6).stream().map(GraphTable::name).toList());
        assertEquals(List.of(), g.cyclePath(7));
        assertEquals("t1, t2", g.cycles().get(0).names());
    }

    @Test
    void membersOfACycleAreLeftOutOfConsistencySets() {
        // Source 9 feeds 1 <-> 2 and 3; 4 reads 2 and 3. A cycle cannot share a level's snapshot.
        DependencyGraph g = DependencyGraph.of(List.of(table(1, "1s"), table(2, "1s"), table(3, "1s"), table(4, "1s")),
                List.of(readsSource(1, 9), readsTable(1, 2), readsTable(2, 1), readsSource(3, 9), readsTable(4, 2),
                        readsTable(4, 3)));
        assertEquals(Set.of(3L), g.consistencySet(4));
    }
}
