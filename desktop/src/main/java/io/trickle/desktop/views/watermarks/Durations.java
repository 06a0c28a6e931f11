package io.trickle.desktop.views.watermarks;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tolerances and lags as a DBA reads and types them: {@code 0}, {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(d|h|m|min|s|sec)?", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** Parses a duration; a bare number is seconds. Empty when the text is not one. */
    static Optional<Duration> parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            total = total.plus(switch (unit) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m", "min" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            at = m.end();
        }
        return Optional.of(total);
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
