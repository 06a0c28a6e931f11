package io.trickle.engine.cli;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps and intervals as the {@code watermark} commands take them: written the way a DBA would
 * write them for PostgreSQL. A timestamp without an offset is read as UTC, so that the same command
 * means the same instant on every machine.
 */
final class TimeArguments {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(Z|z|UTC|utc|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2})(?::(\\d{2}(?:\\.\\d{1,9})?))?");
    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)");
    private static final Map<String, BigDecimal> SECONDS_PER_UNIT = units();

    private TimeArguments() {
    }

    /**
     * {@code 2026-03-01}, {@code 2026-03-01 12:00}, {@code 2026-03-01T12:00:05.5+01:00}, ...
     *
     * @throws InvalidInputException naming the text and the forms accepted
     */
    static Instant timestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new InvalidInputException("invalid timestamp '" + text + "': expected YYYY-MM-DD[ HH:MM[:SS[.fraction]]]"
                    + "[offset], e.g. 2026-03-01 or '2026-03-01 06:30:00+01' (UTC when no offset is given)");
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1));
            LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
            String offset = m.group(3);
            ZoneOffset zone = offset == null || offset.equalsIgnoreCase("UTC") ? ZoneOffset.UTC
                    : ZoneOffset.of(offset.toUpperCase(Locale.ROOT));
            return date.atTime(time).atOffset(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException("invalid timestamp '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code 0}, {@code 90} (seconds), {@code 30s}, {@code 1h30m}, {@code 5 minutes},
     * {@code 00:05:00}, {@code PT5M}; a leading minus makes it negative (which the catalog refuses
     * for a tolerance, with its own message).
     *
     * @throws InvalidInputException naming the text and the forms accepted
     */
    static Duration interval(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1).trim() : s;
        Duration d = parseUnsigned(body);
        if (d == null) {
            throw new InvalidInputException("invalid interval '" + text + "': expected seconds (90), units (30s, 1h30m, "
                    + "'5 minutes'), HH:MM:SS or ISO-8601 (PT5M)");
        }
        return negative ? d.negated() : d;
    }

    private static Duration parseUnsigned(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return seconds(new BigDecimal(s));
        }
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher clock = CLOCK.matcher(s);
        if (clock.matches()) {
            BigDecimal total = new BigDecimal(clock.group(1)).multiply(BigDecimal.valueOf(3600))
                    .add(new BigDecimal(clock.group(2)).multiply(BigDecimal.valueOf(60)))
                    .add(clock.group(3) == null ? BigDecimal.ZERO : new BigDecimal(clock.group(3)));
            return seconds(total);
        }
        Matcher m = AMOUNT.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            BigDecimal perUnit = SECONDS_PER_UNIT.get(m.group(2));
            if (perUnit == null) {
                return null;
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(perUnit));
            end = m.end();
        }
        return end == s.length() && end > 0 ? seconds(total) : null;
    }

    private static Duration seconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.DOWN);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValue();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    private static Map<String, BigDecimal> units() {
        Map<String, BigDecimal> m = new java.util.HashMap<>();
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
