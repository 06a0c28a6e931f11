package io.trickle.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Schedule;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.GraphTable;
import io.trickle.engine.graph.Read;
import io.trickle.engine.scheduler.TableOutcome.Result;
import io.trickle.engine.scheduler.TickPlanner.Planned;
import io.trickle.engine.scheduler.TickPlanner.TickPlan;
import io.trickle.engine.scheduler.TickPlanner.Why;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The holding-back rules of the dispatcher, with levels that "run" as the test says. */
class DispatcherTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    /** 1 and 2 read source 7; 3 reads 1 and 2 (a diamond over 7); 4 reads 3; 5 reads source 8. */
    private final DependencyGraph graph = DependencyGraph.of(
            List.of(table(1), table(2), table(3), table(4), table(5)),
            List.of(new Read(1, 7), new Read(2, 7), new Read(3, 1001), new Read(3, 1002), new Read(4, 1003),
                    new Read(5, 8)));
    private final CatalogView view = new CatalogView(1, graph, Map.of(), SettingsSnapshot.defaults(), NOW);
    private final TickState state = new TickState(1, NOW, Map.of());
    private final List<Set<Long>> tiedSeen = new ArrayList<>();

    private static GraphTable table(long id) {
        return new GraphTable(id, "t" + id, 1000 + id, Schedule.parse("1s"));
    }

    /** Runs a tick in which the tables in {@code failing} fail and every other table refreshes. */
    private Map<Long, String> tick(List<List<Long>> levels, Set<Long> failing, Result failure) throws Exception {
        return tick(levels, failing, failure, Dispatcher.Gate.OPEN);
    }

    private Map<Long, String> tick(List<List<Long>> levels, Set<Long> failing, Result failure, Dispatcher.Gate gate)
            throws Exception {
        List<List<Planned>> plan = new ArrayList<>();
        for (List<Long> level : levels) {
            plan.add(level.stream().map(id -> new Planned(id, Why.SCHEDULE)).toList());
        }
        Dispatcher dispatcher = new Dispatcher((runnable, s, tied) -> {
            tiedSeen.add(tied);
            return runnable.stream().map(p -> failing.contains(p.id())
                    ? TableOutcome.of(p.id(), failure, "it failed")
                    : new TableOutcome(p.id(), Result.REFRESHED, null, null, true)).toList();
        }, gate);
        Map<Long, String> out = new TreeMap<>();
        for (TableOutcome o : dispatcher.run(view, state, new TickPlan(plan), () -> false)) {
            out.put(o.id(), o.result() + (o.result() == Result.BLOCKED || o.result() == Result.SKIPPED ? " " + o.detail() : ""));
        }
        return out;
    }

    @Test
    void everythingRunsWhenEverythingSucceeds() throws Exception {
        Map<Long, String> out = tick(List.of(List.of(1L, 2L, 5L), List.of(3L), List.of(4L)), Set.of(), null);
        assertEquals(Map.of(1L, "REFRESHED", 2L, "REFRESHED", 3L, "REFRESHED", 4L, "REFRESHED", 5L, "REFRESHED"), out);
        assertEquals(Set.of(1L, 2L), tiedSeen.get(0), "the diamond's branches share the level's snapshot");
    }

    @Test
    void aFailedBranchHoldsBackTheMeetingTableAndItsReaders() throws Exception {
        Map<Long, String> out = tick(List.of(List.of(1L, 2L, 5L), List.of(3L), List.of(4L)), Set.of(2L), Result.FAILED);
        assertEquals("FAILED", out.get(2L));
        assertEquals("REFRESHED", out.get(5L));
        assertEquals("BLOCKED waits for t2 to refresh in the same tick", out.get(3L));
        assertEquals("BLOCKED waits for t3 to refresh in the same tick", out.get(4L));
    }

    @Test
    void aBranchThatIsNotDueIsPulledInElseTheMeetingTableWaits() throws Exception {
        // The planner pulls 2 in whenever 3 is due; if 2 could not be planned (suspended, backing off), 3 waits.
        Map<Long, String> out = tick(List.of(List.of(1L), List.of(3L)), Set.of(), null);
        assertEquals("BLOCKED waits for t2 to refresh in the same tick", out.get(3L));
    }

    @Test
    void aBusyUpstreamHoldsBackItsReaderButAnUnplannedOneDoesNot() throws Exception {
        Map<Long, String> busy = tick(List.of(List.of(1L, 2L), List.of(3L)), Set.of(1L), Result.BUSY);
        assertTrue(busy.get(3L).startsWith("BLOCKED"), busy::toString);
        Map<Long, String> readerAlone = tick(List.of(List.of(), List.of(), List.of(4L)), Set.of(), null);
        assertEquals("REFRESHED", readerAlone.get(4L), "3 is not due, so 4 reads its last consistent contents");
    }

    @Test
    void aTableTheGateHoldsBackIsSkippedBeforeItRunsAndBlocksItsReaders() throws Exception {
        List<Set<Long>> asked = new ArrayList<>();
        Dispatcher.Gate gate = (v, s, plan) -> {
            Set<Long> planned = new java.util.HashSet<>();
            plan.levels().forEach(level -> level.forEach(p -> planned.add(p.id())));
            asked.add(planned);
            return Map.of(1L, "watermark_misaligned: group g waits for public.s7");
        };
        Map<Long, String> out = tick(List.of(List.of(1L, 2L, 5L), List.of(3L), List.of(4L)), Set.of(), null, gate);
        assertEquals(List.of(Set.of(1L, 2L, 3L, 4L, 5L)), asked, "asked once per tick, about the whole plan");
        assertEquals("SKIPPED watermark_misaligned: group g waits for public.s7", out.get(1L));
        assertEquals("REFRESHED", out.get(2L));
        assertEquals("REFRESHED", out.get(5L));
        assertEquals("BLOCKED waits for t1 to refresh in the same tick", out.get(3L));
        assertEquals("BLOCKED waits for t3 to refresh in the same tick", out.get(4L));
    }
}
