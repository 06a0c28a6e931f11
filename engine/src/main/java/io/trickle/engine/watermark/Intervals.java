package io.trickle.engine.watermark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * PostgreSQL intervals as Java durations and back. Intervals are read as
 * {@code extract(epoch FROM ...)} (a month counts as 30 days, as PostgreSQL compares them) and written
 * as a number of seconds that PostgreSQL parses exactly, microseconds included.
 */
final class Intervals {

    private Intervals() {
    }

    /** The SQL expression that reads interval {@code column} as seconds, for {@link #fromSeconds}. */
    static String seconds(String column) {
        return "extract(epoch FROM " + column + ")";
    }

    static Duration fromSeconds(BigDecimal seconds) {
        if (seconds == null) {
            return null;
        }
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN);
        return Duration.of(micros.longValueExact(), ChronoUnit.MICROS);
    }

    /** Interval input text for {@code d}, e.g. {@code 90.5 seconds}; null stays null. */
    static String literal(Duration d) {
        if (d == null) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + " seconds";
    }
}
