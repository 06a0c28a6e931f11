package io.trickle.engine.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalsTest {

    @Test
    void durationsBecomeIntervalTextPostgreSqlReadsExactly() {
        assertEquals("0 seconds", Intervals.literal(Duration.ZERO));
        assertEquals("90.5 seconds", Intervals.literal(Duration.ofMillis(90_500)));
        assertEquals("0.000001 seconds", Intervals.literal(Duration.ofNanos(1000)));
        assertEquals("-5 seconds", Intervals.literal(Duration.ofSeconds(-5)));
        assertEquals("86400 seconds", Intervals.literal(Duration.ofDays(1)));
        assertNull(Intervals.literal(null));
    }

    @Test
    void epochSecondsBecomeDurationsToTheMicrosecond() {
        assertEquals(Duration.ofMillis(90_500), Intervals.fromSeconds(new BigDecimal("90.500000")));
        assertEquals(Duration.ofNanos(1000), Intervals.fromSeconds(new BigDecimal("0.000001")));
        assertEquals(Duration.ofDays(30), Intervals.fromSeconds(new BigDecimal("2592000")));
        assertNull(Intervals.fromSeconds(null));
    }
}
