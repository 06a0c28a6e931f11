package io.trickle.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The suite's pieces that need no database: options, the change plan, statistics. */
class SuiteUnitsTest {

    @Test
    void theMixSplitsAChangeAndRefusesShares() {
        assertArrayEquals(new long[] {70, 15, 15}, DmlMix.DEFAULT.split(100));
        assertArrayEquals(new long[] {7, 2, 1}, DmlMix.DEFAULT.split(10));
        assertArrayEquals(new long[] {1, 0, 0}, DmlMix.DEFAULT.split(1));
        assertArrayEquals(new long[] {1, 0, 0}, DmlMix.parse("50,50,0").split(1));
        assertEquals(new DmlMix(80, 10, 10), DmlMix.parse(" 80, 10 ,10"));
        assertThrows(InvalidInputException.class, () -> DmlMix.parse("70,15"));
        assertThrows(InvalidInputException.class, () -> DmlMix.parse("70,15,16"));
        assertThrows(InvalidInputException.class, () -> DmlMix.parse("a,b,c"));
    }

    @Test
    void scenariosAreReadByNameOrGroup() {
        assertEquals(Scenario.HEADLINE, Scenario.parseList(List.of("headline")));
        assertEquals(List.of(Scenario.JOIN_AGGREGATE, Scenario.SCAN), Scenario.parseList(List.of("join+aggregate", "scan", "SCAN")));
        assertEquals(Scenario.values().length, Scenario.parseList(List.of("all")).size());
        assertEquals(List.of(), Scenario.parseList(List.of("none")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Scenario.parseList(List.of("nope")));
        assertTrue(e.getMessage().contains("semi_join"), e.getMessage());
        assertEquals(List.of(Via.CLI, Via.API), Via.parseList(List.of("cli", "API", "cli")));
        assertThrows(InvalidInputException.class, () -> Via.parseList(List.of("ftp")));
    }

    @Test
    void aCycleChangesDistinctLiveOrdersAndNewOnes() {
        LiveIds live = new LiveIds(1000);
        SplittableRandom r = new SplittableRandom(7);
        Set<Long> deleted = new HashSet<>();
        for (int cycle = 0; cycle < 20; cycle++) {
            CycleChanges c = live.next(r, 70, 15, 15);
            Set<Long> touched = new HashSet<>();
            Arrays.stream(c.updated()).forEach(touched::add);
            Arrays.stream(c.deleted()).forEach(touched::add);
            assertEquals(85, touched.size(), "updated and deleted ids are distinct");
            for (long id : touched) {
                assertTrue(!deleted.contains(id), "a deleted order is never changed again");
            }
            Arrays.stream(c.deleted()).forEach(deleted::add);
            assertEquals(1000 + 15L * cycle + 1, c.firstInsert());
            assertEquals(15, c.inserts());
            assertEquals(100, c.rows());
        }
        assertEquals(1000, live.size(), "as many inserts as deletes");
        assertEquals(1000, Arrays.stream(live.snapshot()).distinct().count());
    }

    @Test
    void percentilesInterpolateAndIgnoreGaps() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, Stats.median(List.of(3.0, Double.NaN, 1.0, 5.0)));
        assertEquals(9.55, Stats.percentile(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.955), 1e-9);
        assertTrue(Double.isNaN(Stats.median(List.of())));
    }

    @Test
    void theSuiteRefusesAnEmptyOrImpossibleMatrix() {
        SuiteOptions ok = options(List.of(100_000L), List.of(1.0), 5);
        assertEquals(2, ok.firstCountedCycle());
        assertThrows(InvalidInputException.class, () -> options(List.of(10L), List.of(1.0), 5));
        assertThrows(InvalidInputException.class, () -> options(List.of(1000L), List.of(101.0), 5));
        assertThrows(InvalidInputException.class, () -> options(List.of(1000L), List.of(1.0), 1));
        assertThrows(InvalidInputException.class, () -> options(List.of(), List.of(1.0), 5));
    }

    private static SuiteOptions options(List<Long> sizes, List<Double> pcts, int cycles) {
        return new SuiteOptions(sizes, pcts, Scenario.HEADLINE, List.of(Via.API), cycles, DmlMix.DEFAULT, "DIFFERENTIAL",
                false, List.of(), java.time.Duration.ofSeconds(10), java.nio.file.Path.of("x.csv"), "s", 1, List.of(), false);
    }

    @Test
    void autoExplainNoticesAreReadIntoSteps() {
        List<Evidence.Step> steps = Evidence.parse(List.of("duration: 12.500 ms  plan:\nQuery Text: SELECT count(*)\n"
                        + "FROM t\nAggregate  (cost=1.0..1.1 rows=1 width=8) (actual time=12.4..12.4 rows=1 loops=1)\n"
                        + "  ->  Seq Scan on t  (cost=0.00..1.0 rows=1 width=0) (actual time=0.01..11.1 rows=9 loops=1)",
                "something else", "duration: 40.000 ms  plan:\nQuery Text: SELECT * FROM pgtrickle.refresh($1)\n"
                        + "Function Scan on refresh  (cost=0.25..10.25 rows=1000 width=32) (actual time=40.0..40.0 rows=1 loops=1)"));
        assertEquals(2, steps.size());
        assertEquals("SELECT count(*)\nFROM t", steps.get(0).query());
        assertEquals(12.5, steps.get(0).ms());
        Evidence.Capture capture = new Evidence.Capture(41, steps);
        assertEquals("Aggregate: SELECT count(*) FROM t", capture.dominant().orElseThrow().headline(),
                "a function call spends its time in the statements it runs");
    }
}
