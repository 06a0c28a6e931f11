package io.trickle.engine.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.refresh.RefreshCostModel.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adaptive strategy's arithmetic, without a database. */
class RefreshCostModelTest {

    @Test
    void withoutHistoryAutoRefreshesDifferentiallyAndHasNoBudget() {
        RefreshCostModel none = new RefreshCostModel(List.of(), List.of(), 0);
        assertEquals(Optional.empty(), none.preferFull(1_000));
        assertEquals(Optional.empty(), none.budgetMs());
    }

    @Test
    void aLinearFitPredictsLargerWindowsFromSmallerOnes() {
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(100, 20), new Sample(200, 30), new Sample(400, 50)),
                List.of(300.0), 0);
        assertEquals(10 + 0.1 * 3000, m.predictDifferentialMs(3000).orElseThrow(), 1e-9);
        assertEquals(Optional.empty(), m.preferFull(1000), "110 ms < 300 ms: stay differential");
        String why = m.preferFull(5000).orElseThrow();
        assertTrue(why.startsWith(RefreshCostModel.REASON_PREFIX) && why.contains("5000 changed rows")
                && why.contains("about 510 ms") && why.contains("about 300 ms"), why);
    }

    @Test
    void oneWindowSizeSeenIsAFloorAndScalesUpProportionally() {
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(50, 40), new Sample(50, 60)), List.of(100.0), 0);
        assertEquals(50, m.predictDifferentialMs(10).orElseThrow(), 1e-9, "fixed costs do not shrink with the window");
        assertEquals(200, m.predictDifferentialMs(200).orElseThrow(), 1e-9);
    }

    @Test
    void windowsOfAboutOneSizeAreNotExtrapolatedAlongANoisySlope() {
        // Seen in bench tpch q07: a cold 50 ms and a warm 110 ms at almost the same window size
        // once predicted 14 s for the next window.
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(2996, 110), new Sample(2972, 50)),
                List.of(75.0), 0);
        assertEquals(80 * 2998 / 2984.0, m.predictDifferentialMs(2998).orElseThrow(), 1e-9);
        assertTrue(m.preferFull(2998).isPresent(), "80 ms against a 75 ms full refresh");
        assertEquals(80, m.predictDifferentialMs(2900).orElseThrow(), 1e-9);
    }

    @Test
    void withinTheSizesSeenAPredictionNeverExceedsTheSlowestSample() {
        // The line through these has a negative intercept, clamped to 0, which lifts it to 1111 ms at 1000.
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(100, 1), new Sample(1000, 1000)),
                List.of(100.0), 0);
        assertEquals(1000, m.predictDifferentialMs(1000).orElseThrow(), 1e-9);
        assertEquals(999.0 / 900 * 2000, m.predictDifferentialMs(2000).orElseThrow(), 1e-9, "beyond them, the line");
    }

    @Test
    void aNegativeSlopeFromNoisySamplesNeverPredictsLessThanTheAverage() {
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(10, 90), new Sample(1000, 30)), List.of(100.0), 0);
        assertEquals(60, m.predictDifferentialMs(5000).orElseThrow(), 1e-9);
    }

    @Test
    void theFullEstimateIsTheMedianOfTheRecentFullRefreshes() {
        RefreshCostModel m = new RefreshCostModel(List.of(new Sample(10, 500)), List.of(90.0, 10.0, 100.0), 0);
        assertEquals(90.0, m.fullEstimateMs().orElseThrow());
        assertTrue(m.preferFull(10).isPresent());
    }

    @Test
    void afterEnoughFullRefreshesForCostAProbeRunsDifferentially() {
        List<Sample> slow = List.of(new Sample(10, 500));
        assertTrue(new RefreshCostModel(slow, List.of(50.0), RefreshCostModel.PROBE_AFTER - 1).preferFull(10).isPresent());
        assertEquals(Optional.empty(), new RefreshCostModel(slow, List.of(50.0), RefreshCostModel.PROBE_AFTER).preferFull(10));
    }

    @Test
    void aCloseCallIsProbedSoonerThanAPathologicalOne() {
        assertEquals(2, RefreshCostModel.probeAfter(1.5));
        assertEquals(4, RefreshCostModel.probeAfter(3));
        assertEquals(RefreshCostModel.PROBE_AFTER, RefreshCostModel.probeAfter(40));
        List<Sample> close = List.of(new Sample(10, 150));
        assertTrue(new RefreshCostModel(close, List.of(100.0), 1).preferFull(10).isPresent());
        assertEquals(Optional.empty(), new RefreshCostModel(close, List.of(100.0), 2).preferFull(10));
    }

    @Test
    void theBudgetIsThreeFullRefreshesButAtLeastOneMoreSecond() {
        assertEquals(1_010L, new RefreshCostModel(List.of(), List.of(10.0), 0).budgetMs().orElseThrow());
        assertEquals(6_000L, new RefreshCostModel(List.of(), List.of(2_000.0), 0).budgetMs().orElseThrow());
    }
}
