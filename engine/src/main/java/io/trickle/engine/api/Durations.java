package io.trickle.engine.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them and as the engine prints them: one grammar for schedules
 * ({@link Schedule}), the command line's intervals and the workbench's inputs. {@link #parse} reads a
 * bare number of seconds ({@code 90}, {@code 2.5}), units in any run ({@code 30s}, {@code 1h30m},
 * {@code 5 minutes}, {@code 1 day 2 hours}, {@code 250ms}), a clock ({@code 00:05:00}) or ISO-8601
 * ({@code PT5M}); {@link #compact} prints the shortest such text.
 */
public final class Durations {

    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2})(?::(\\d{2}(?:\\.\\d{1,9})?))?");
    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)");
    private static final Map<String, BigDecimal> SECONDS_PER_UNIT = units();

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

    /**
     * Reads a duration of zero or more (no sign: a caller that allows negative ones reads the sign
     * itself); empty when the text is none of the forms in the class comment.
     */
    public static Optional<Duration> parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Optional.ofNullable(seconds(new BigDecimal(s)));
        }
        if (s.startsWith("p")) {
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher clock = CLOCK.matcher(s);
        if (clock.matches()) {
            BigDecimal total = new BigDecimal(clock.group(1)).multiply(BigDecimal.valueOf(3600))
                    .add(new BigDecimal(clock.group(2)).multiply(BigDecimal.valueOf(60)))
                    .add(clock.group(3) == null ? BigDecimal.ZERO : new BigDecimal(clock.group(3)));
            return Optional.ofNullable(seconds(total));
        }
        Matcher m = AMOUNT.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            BigDecimal perUnit = SECONDS_PER_UNIT.get(m.group(2));
            if (perUnit == null) {
                return Optional.empty();
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(perUnit));
            end = m.end();
        }
        return end == s.length() && end > 0 ? Optional.ofNullable(seconds(total)) : Optional.empty();
    }

    private static Duration seconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValue();
        // Beyond what a Duration holds is no duration anyone means: refused as text that is not one.
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return null;
        }
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    private static Map<String, BigDecimal> units() {
        Map<String, BigDecimal> m = new HashMap<>();
        for (String u : new String[] {"ms", "msec", "msecs", "millisecond", "milliseconds"}) {
            m.put(u, new BigDecimal("0.001"));
        }
        for (String u : new String[] {"s", "sec", "secs", "second", "seconds"}) {
            m.put(u, BigDecimal.ONE);
        }
        for (String u : new String[] {"m", "min", "mins", "minute", "minutes"}) {
            m.put(u, BigDecimal.valueOf(60));
        }
        for (String u : new String[] {"h", "hr", "hrs", "hour", "hours"}) {
            m.put(u, BigDecimal.valueOf(3600));
        }
        for (String u : new String[] {"d", "day", "days"}) {
            m.put(u, BigDecimal.valueOf(86_400));
        }
        for (String u : new String[] {"w", "week", "weeks"}) {
            m.put(u, BigDecimal.valueOf(7 * 86_400));
        }
        return Map.copyOf(m);
    }
}
