package io.trickle.engine.watermark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.graph.EffectiveSchedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Once per due period: the rule on its own, with the instants the scheduler would pass. */
class SkipHistoryTest {

    private static final Instant SKIPPED_AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void theFirstSkipSinceTheLastRefreshIsAlwaysRecorded() {
        assertTrue(SkipHistory.startsNewPeriod(null, EffectiveSchedule.every(Duration.ofHours(1)), SKIPPED_AT));
        assertTrue(SkipHistory.startsNewPeriod(null, null, SKIPPED_AT));
    }

    @Test
    void thenOncePerPeriodOfTheTablesSchedule() {
        EffectiveSchedule hourly = EffectiveSchedule.every(Duration.ofHours(1));
        assertFalse(SkipHistory.startsNewPeriod(SKIPPED_AT, hourly, SKIPPED_AT.plusMillis(100)), "the next tick");
        assertFalse(SkipHistory.startsNewPeriod(SKIPPED_AT, hourly, SKIPPED_AT.plus(Duration.ofMinutes(59))));
        assertTrue(SkipHistory.startsNewPeriod(SKIPPED_AT, hourly, SKIPPED_AT.plus(Duration.ofHours(1))));
    }

    @Test
    void aCronScheduleCountsItsFireTimes() {
        EffectiveSchedule onTheHour = EffectiveSchedule.cron("0 * * * *");
        Instant skipped = Instant.parse("2026-03-02T10:00:00.050Z");
        assertFalse(SkipHistory.startsNewPeriod(skipped, onTheHour, Instant.parse("2026-03-02T10:59:59Z")));
        assertTrue(SkipHistory.startsNewPeriod(skipped, onTheHour, Instant.parse("2026-03-02T11:00:00Z")));
    }

    @Test
    void aTableWithoutAScheduleOfItsOwnIsRecordedOnceUntilItRefreshes() {
        assertFalse(SkipHistory.startsNewPeriod(SKIPPED_AT, null, SKIPPED_AT.plus(Duration.ofDays(1))));
    }
}
