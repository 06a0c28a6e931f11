package io.trickle.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
