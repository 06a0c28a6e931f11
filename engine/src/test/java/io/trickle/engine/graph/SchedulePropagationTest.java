package io.trickle.engine.graph;

import static io.trickle.engine.graph.DependencyGraphTest.readsSource;
import static io.trickle.engine.graph.DependencyGraphTest.readsTable;
import static io.trickle.engine.graph.DependencyGraphTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulePropagationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final Duration DEFAULT = Duration.ofSeconds(1);

    @Test
    void aCalculatedTableNobodyReadsTakesTheDefault() {
        DependencyGraph g = DependencyGraph.of(List.of(table(1, "calculated")), List.of(readsSource(1, 7)));
        EffectiveSchedule s = SchedulePropagation.effectiveSchedules(g, Duration.ofSeconds(7), NOW).get(1L);
        assertEquals("7s", s.display());
        assertTrue(s.isCalculated());
    }

    @Test
    void aCalculatedTableTakesTheTightestReaderThroughChains() {
        // 1 (calculated) <- 2 (calculated) <- 3 (30s); 1 <- 4 (5m); 5 reads 4 but is an explicit cron.
        DependencyGraph g = DependencyGraph.of(
                List.of(table(1, "calculated"), table(2, "calculated"), table(3, "30s"), table(4, "5m"),
                        table(5, "@hourly")),
                List.of(readsSource(1, 7), readsTable(2, 1), readsTable(3, 2), readsTable(4, 1), readsTable(5, 4)));
        Map<Long, EffectiveSchedule> s = SchedulePropagation.effectiveSchedules(g, DEFAULT, NOW);
        assertEquals("30s", s.get(2L).display());
        assertEquals("30s", s.get(1L).display());
        assertTrue(s.get(1L).isCalculated());
        assertEquals("5m", s.get(4L).display());
        assertFalse(s.get(4L).isCalculated());
        assertEquals("@hourly", s.get(5L).display());
    }

    @Test
    void aCronReaderCountsByHowOftenItFires() {
        // 1 (calculated) is read by 2 (every minute, cron) and 3 (every 2 minutes).
        DependencyGraph g = DependencyGraph.of(
                List.of(table(1, "calculated"), table(2, "* * * * *"), table(3, "2m")),
                List.of(readsSource(1, 7), readsTable(2, 1), readsTable(3, 1)));
        EffectiveSchedule s = SchedulePropagation.effectiveSchedules(g, DEFAULT, NOW).get(1L);
        assertEquals("* * * * *", s.display(), "a cron reader that fires more often is the tightest");
        assertEquals(Instant.parse("2026-03-02T10:16:00Z"), s.nextDue(NOW));

        DependencyGraph tie = DependencyGraph.of(
                List.of(table(1, "calculated"), table(2, "* * * * *"), table(3, "1m")),
                List.of(readsSource(1, 7), readsTable(2, 1), readsTable(3, 1)));
        assertEquals("1m", SchedulePropagation.effectiveSchedules(tie, DEFAULT, NOW).get(1L).display(),
                "on a tie the period wins");
    }

    @Test
    void calculatedTablesInACycleTakeTheDefault() {
        DependencyGraph g = DependencyGraph.of(List.of(table(1, "calculated"), table(2, "10s")),
                List.of(readsTable(1, 2), readsTable(2, 1)));
        Map<Long, EffectiveSchedule> s = SchedulePropagation.effectiveSchedules(g, DEFAULT, NOW);
        assertEquals("1s", s.get(1L).display());
        assertEquals("10s", s.get(2L).display());
    }
}
