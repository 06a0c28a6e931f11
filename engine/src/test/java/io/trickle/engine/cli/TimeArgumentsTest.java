package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentsTest {

    @Test
    void timestampsAreReadAsPostgreSqlWritesThemAndAsUtcWithoutAnOffset() {
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), TimeArguments.timestamp("2026-03-01"));
        assertEquals(Instant.parse("2026-03-01T06:30:00Z"), TimeArguments.timestamp("2026-03-01 06:30"));
        assertEquals(Instant.parse("2026-03-01T06:30:05.25Z"), TimeArguments.timestamp("2026-03-01T06:30:05.25"));
        assertEquals(Instant.parse("2026-03-01T05:30:00Z"), TimeArguments.timestamp("2026-03-01 06:30:00+01"));
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), TimeArguments.timestamp("2026-03-01T06:30:00-04:30"));
        assertEquals(Instant.parse("2026-03-01T06:30:00Z"), TimeArguments.timestamp(" 2026-03-01 06:30:00Z "));
        assertEquals(Instant.parse("2026-03-01T06:30:00Z"), TimeArguments.timestamp("2026-03-01 06:30:00 UTC"));
        assertEquals(Instant.parse("2026-03-01T05:30:00Z"), TimeArguments.timestamp("2026-03-01 06:30+0100"));
    }

    @Test
    void badTimestampsNameTheTextAndTheFormsAccepted() {
        for (String bad : new String[] {"", "yesterday", "2026-3-1", "2026-02-30", "2026-03-01 25:00", "1709251200"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimeArguments.timestamp(bad));
            assertTrue(e.getMessage().startsWith("invalid timestamp '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void intervalsComeInTheUsualSpellings() {
        assertEquals(Duration.ZERO, TimeArguments.interval("0"));
        assertEquals(Duration.ofSeconds(90), TimeArguments.interval("90"));
        assertEquals(Duration.ofMillis(2500), TimeArguments.interval("2.5"));
        assertEquals(Duration.ofMinutes(90), TimeArguments.interval("1h30m"));
        assertEquals(Duration.ofMillis(500), TimeArguments.interval("500ms"));
        assertEquals(Duration.ofMinutes(5), TimeArguments.interval("5 minutes"));
        assertEquals(Duration.ofMinutes(90), TimeArguments.interval("1 hour 30 mins"));
        assertEquals(Duration.ofDays(9), TimeArguments.interval("1w 2d"));
        assertEquals(Duration.ofSeconds(330), TimeArguments.interval("00:05:30"));
        assertEquals(Duration.ofMillis(330_500), TimeArguments.interval("0:05:30.5"));
        assertEquals(Duration.ofMinutes(5), TimeArguments.interval("PT5M"));
        assertEquals(Duration.ofDays(1), TimeArguments.interval("p1d"));
        assertEquals(Duration.ofSeconds(-5), TimeArguments.interval("-5s"), "negative, for the catalog to refuse");
    }

    @Test
    void badIntervalsNameTheTextAndTheFormsAccepted() {
        for (String bad : new String[] {"", "soon", "5 fortnights", "5m soon", "PT5X", "1:2", "--5s"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimeArguments.interval(bad));
            assertTrue(e.getMessage().startsWith("invalid interval '" + bad + "'"), e.getMessage());
        }
    }
}
