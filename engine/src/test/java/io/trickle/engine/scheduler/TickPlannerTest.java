package io.trickle.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.engine.api.Schedule;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.GraphTable;
import io.trickle.engine.graph.Read;
import io.trickle.engine.graph.SchedulePropagation;
import io.trickle.engine.scheduler.TickPlanner.Planned;
import io.trickle.engine.scheduler.TickPlanner.Why;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which tables a tick refreshes, against instants the test chooses. */
class TickPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMillis(500);

    private final List<GraphTable> tables = new ArrayList<>();
    private final List<Read> reads = new ArrayList<>();
    private final Map<Long, TickState.TableState> states = new HashMap<>();

    /** Table id stores into OID 1000 + id and reads source 7 unless told otherwise. */
    private void table(long id, String schedule, String status, Instant lastRefresh, long... upstreams) {
        tables.add(new GraphTable(id, "t" + id, 1000 + id, Schedule.parse(schedule)));
        if (upstreams.length == 0) {
            reads.add(new Read(id, 7));
        }
        for (long up : upstreams) {
            reads.add(new Read(id, 1000 + up));
        }
        states.put(id, new TickState.TableState(id, status, lastRefresh != null, false, lastRefresh, 0));
    }

    private List<List<String>> plan(Set<Long> requested, Set<Long> heldBack) {
        DependencyGraph graph = DependencyGraph.of(tables, reads);
        CatalogView view = new CatalogView(1, graph,
                SchedulePropagation.effectiveSchedules(graph, Duration.ofSeconds(1), NOW), SettingsSnapshot.defaults(), NOW);
        TickState state = new TickState(1, NOW, states);
        List<List<String>> out = new ArrayList<>();
        for (List<Planned> level : TickPlanner.plan(view, state, requested, heldBack::contains, TOLERANCE).levels()) {
            out.add(level.stream().map(p -> p.id() + ":" + p.why()).sorted().toList());
        }
        return out;
    }

    private static Instant ago(int seconds) {
        return NOW.minusSeconds(seconds);
    }

    @Test
    void tablesAreDueByScheduleAndRunLevelByLevel() {
        table(1, "10s", "ACTIVE", ago(11));
        table(2, "10s", "ACTIVE", ago(5));
        table(3, "1s", "ACTIVE", ago(2), 1);
        table(4, "1m", "INITIALIZING", null);
        assertEquals(List.of(List.of("1:SCHEDULE", "4:FIRST_POPULATION"), List.of("3:SCHEDULE")),
                plan(Set.of(), Set.of()));
    }

    @Test
    void suspendedAndFailingTablesWaitButARequestGoesThrough() {
        table(1, "1s", "SUSPENDED", ago(100));
        table(2, "1s", "ERROR", ago(100));
        table(3, "1s", "ACTIVE", ago(100));
        table(4, "1h", "ACTIVE", ago(1));
        table(5, "1s", "ACTIVE", ago(100));
        assertEquals(List.of(List.of("4:REQUESTED", "5:REQUESTED")), plan(Set.of(4L, 5L), Set.of(3L, 5L)),
                "3 is held back by backoff; 5 too, but it was asked for");
    }

    @Test
    void aDueReaderPullsItsCalculatedUpstreamsThroughChains() {
        table(1, "calculated", "ACTIVE", ago(0));
        table(2, "calculated", "ACTIVE", ago(0), 1);
        table(3, "0 * * * *", "ACTIVE", ago(61 * 60), 2);
        table(4, "1h", "ACTIVE", ago(0), 1);
        assertEquals(List.of(List.of("1:FOR_READER"), List.of("2:FOR_READER"), List.of("3:SCHEDULE")),
                plan(Set.of(), Set.of()), "4 is not due, and 1 has an explicit reader that is");
    }

    @Test
    void aDueDiamondPullsEveryBranchEvenWithLooserSchedules() {
        table(1, "1s", "ACTIVE", ago(2));
        table(2, "1h", "ACTIVE", ago(0));
        table(3, "1s", "ACTIVE", ago(2), 1, 2);
        assertEquals(List.of(List.of("1:SCHEDULE", "2:FOR_CONSISTENCY"), List.of("3:SCHEDULE")), plan(Set.of(), Set.of()));
    }

    @Test
    void dueTimesRoundToTheNearestTick() {
        table(1, "1s", "ACTIVE", NOW.minusMillis(990));
        table(2, "1s", "ACTIVE", NOW.minusMillis(400));
        table(3, "0 * * * *", "ACTIVE", Instant.parse("2026-03-02T09:00:00.2Z"));
        table(4, "10s", "ACTIVE", NOW.minusMillis(9_400));
        assertEquals(List.of(List.of("1:SCHEDULE", "3:SCHEDULE")), plan(Set.of(), Set.of()),
                "1 is due 10 ms from now, 3 fires at 10:00:00; 2 and 4 are more than half a tick away");
    }
}
