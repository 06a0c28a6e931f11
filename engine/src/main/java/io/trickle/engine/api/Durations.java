package io.trickle.engine.api;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as the engine prints them for people: {@code 0s}, {@code 2.5s}, {@code 1d}, {@code 1h30m}. */
public final class Durations {

    private static final long[] SIZES = {86_400L, 3_600L, 60L};
    private static final String[] UNITS = {"d", "h", "m"};

    private Durations() {
    }

    /** The largest units first, seconds with their fraction last; {@code -} for null. */
    public static String compact(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.isNegative()) {
            return "-" + compact(d.negated());
        }
        long seconds = d.getSeconds();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < SIZES.length; i++) {
            if (seconds >= SIZES[i]) {
                out.append(seconds / SIZES[i]).append(UNITS[i]);
                seconds %= SIZES[i];
            }
        }
        if (seconds > 0 || d.getNano() > 0 || out.length() == 0) {
            BigDecimal s = BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros();
            out.append(s.toPlainString()).append('s');
        }
        return out.toString();
    }
}
