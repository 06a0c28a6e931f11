package io.trickle.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.Schedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Schedule arithmetic against instants the test chooses (the scheduler passes the database's clock). */
class EffectiveScheduleTest {

    private static final Instant T = Instant.parse("2026-03-02T10:15:30Z");

    @Test
    void aPeriodIsDueWhenItHasPassedSinceTheLastRefresh() {
        EffectiveSchedule s = EffectiveSchedule.own(Schedule.parse("1h30m"));
        assertEquals(T.plus(Duration.ofMinutes(90)), s.nextDue(T));
        assertFalse(s.isDue(T, T.plus(Duration.ofMinutes(89))));
        assertTrue(s.isDue(T, T.plus(Duration.ofMinutes(90))));
        assertEquals(T.plus(Duration.ofMinutes(180)), s.staleAfter(T));
        assertEquals("1h30m", s.display());
    }

    @Test
    void aTableNeverRefreshedIsDueAtOnceAndNotStale() {
        EffectiveSchedule s = EffectiveSchedule.every(Duration.ofSeconds(30));
        assertNull(s.nextDue(null));
        assertTrue(s.isDue(null, T));
        assertNull(s.staleAfter(null));
    }

    @Test
    void cronFiresStrictlyAfterTheLastRefreshInUtc() {
        EffectiveSchedule fiveMinutes = EffectiveSchedule.cron("*/5 * * * *");
        assertEquals(Instant.parse("2026-03-02T10:20:00Z"), fiveMinutes.nextDue(T));
        assertEquals(Instant.parse("2026-03-02T10:25:00Z"), fiveMinutes.nextDue(Instant.parse("2026-03-02T10:20:00Z")));
        assertFalse(fiveMinutes.isDue(T, Instant.parse("2026-03-02T10:19:59Z")));
        assertTrue(fiveMinutes.isDue(T, Instant.parse("2026-03-02T10:20:00Z")));
        assertEquals(Instant.parse("2026-03-02T10:25:00Z"), fiveMinutes.staleAfter(T));
        assertEquals(Duration.ofMinutes(5), fiveMinutes.typicalGap(T));
    }

    @Test
    void cronWithSecondsAndAliases() {
        assertEquals(Instant.parse("2026-03-02T10:15:45Z"), EffectiveSchedule.cron("*/15 * * * * *").nextDue(T));
        assertEquals(Instant.parse("2026-03-02T11:00:00Z"), EffectiveSchedule.cron("@hourly").nextDue(T));
        assertEquals(Instant.parse("2026-03-03T00:00:00Z"), EffectiveSchedule.cron("@daily").nextDue(T));
        assertEquals(Duration.ofHours(1), EffectiveSchedule.cron("@hourly").typicalGap(T));
        assertEquals(Duration.ofMinutes(1), EffectiveSchedule.cron("0-5 9 * * 1-5").typicalGap(
                Instant.parse("2026-03-02T08:00:00Z")), "the shortest gap among the next fires counts");
    }

    @Test
    void durationsPrintAsTheyAreWritten() {
        assertEquals("1s", EffectiveSchedule.formatDuration(Duration.ofSeconds(1)));
        assertEquals("5m", EffectiveSchedule.formatDuration(Duration.ofMinutes(5)));
        assertEquals("1d2h3s", EffectiveSchedule.formatDuration(Duration.ofSeconds(86_400 + 7_200 + 3)));
        assertEquals("2w", EffectiveSchedule.formatDuration(Duration.ofDays(14)));
    }
}
