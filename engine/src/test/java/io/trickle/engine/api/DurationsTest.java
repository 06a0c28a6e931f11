package io.trickle.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void largestUnitsFirstAndSecondsWithTheirFraction() {
        assertEquals("0s", Durations.compact(Duration.ZERO));
        assertEquals("2.5s", Durations.compact(Duration.ofMillis(2500)));
        assertEquals("1d", Durations.compact(Duration.ofDays(1)));
        assertEquals("1h30m", Durations.compact(Duration.ofMinutes(90)));
        assertEquals("2d3h4m5.000006s", Durations.compact(Duration.ofSeconds(2 * 86_400 + 3 * 3600 + 4 * 60 + 5, 6000)));
        assertEquals("-5s", Durations.compact(Duration.ofSeconds(-5)));
        assertEquals("-", Durations.compact(null));
    }

    @Test
    void oneGrammarReadsSecondsUnitsClocksAndIso() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90").orElseThrow());
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5").orElseThrow());
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m").orElseThrow());
        assertEquals(Duration.ofMinutes(5), Durations.parse("5 minutes").orElseThrow());
        assertEquals(Duration.ofHours(26), Durations.parse("1 day 2 hours").orElseThrow());
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms").orElseThrow());
        assertEquals(Duration.ofMinutes(5), Durations.parse("00:05:00").orElseThrow());
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M").orElseThrow());
        assertEquals(Duration.ofDays(14), Durations.parse("2w").orElseThrow());
        for (String bad : new String[] {"", " ", "5 parsecs", "1h 30", "-5s", "PT-5M", "99999999999999999999d", null}) {
            assertEquals(java.util.Optional.empty(), Durations.parse(bad), bad);
        }
    }

    @Test
    void schedulesUseTheSameGrammarAndKeepWholeSecondsOfAtLeastOne() {
        assertEquals(Duration.ofMinutes(5), Schedule.parse("5 minutes").interval());
        assertEquals("5m", Schedule.parse("5 minutes").text());
        assertEquals("1h30m", Schedule.parse("1H30M").text());
        assertThrows(TrickleException.InvalidInputException.class, () -> Schedule.parse("500ms"));
        assertThrows(TrickleException.InvalidInputException.class, () -> Schedule.parse("1.5s"));
        assertThrows(TrickleException.InvalidInputException.class, () -> Schedule.parse("0s"));
    }
}
