package io.trickle.engine.cli;

import io.trickle.engine.api.Durations;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
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
        String s = text == null ? "" : text.trim();
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1).trim() : s;
        Duration d = Durations.parse(body).orElseThrow(() -> new InvalidInputException("invalid interval '" + text
                + "': expected seconds (90), units (30s, 1h30m, '5 minutes'), HH:MM:SS or ISO-8601 (PT5M)"));
        return negative ? d.negated() : d;
    }
}
