package io.trickle.desktop.views.watermarks;

import java.time.Duration;
import java.util.Optional;

/** Tolerances and lags as a DBA reads and types them: {@code 0}, {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}. */
final class Durations {

    private Durations() {
    }

    /** Parses a duration as the engine does ({@link io.trickle.engine.api.Durations#parse}). Empty when the text is not one. */
    static Optional<Duration> parse(String text) {
        return io.trickle.engine.api.Durations.parse(text);
    }

    /** "0 s", "45 s", "15 min", "1 h 30 min", "2 d 3 h". */
    static String text(Duration d) {
        long s = Math.abs(d.getSeconds());
        if (s == 0) {
            return "0 s";
        }
        StringBuilder out = new StringBuilder();
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        append(out, days, "d");
        append(out, hours, "h");
        if (days == 0) {
            append(out, minutes, "min");
        }
        if (days == 0 && hours == 0) {
            append(out, seconds, "s");
        }
        return out.toString().trim();
    }

    /** The shortest form {@link #parse} reads back: "15m", "1h30m", "0". */
    static String input(Duration d) {
        return d.isZero() ? "0" : text(d).replace(" min", "m").replace(" h", "h").replace(" d", "d").replace(" s", "s")
                .replace(" ", "");
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(n).append(' ').append(unit).append(' ');
        }
    }
}
