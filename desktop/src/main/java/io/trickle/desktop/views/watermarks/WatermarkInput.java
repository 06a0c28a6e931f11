package io.trickle.desktop.views.watermarks;

import io.trickle.engine.api.QualifiedName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the DBA types into the watermark forms, checked before anything is sent: group names, source
 * lists, tolerances and timestamps. Each check returns the problem in a sentence, or nothing.
 */
final class WatermarkInput {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private final ZoneId zone;

    /** @param zone how a timestamp without an offset is read: the DBA's own time zone */
    WatermarkInput(ZoneId zone) {
        this.zone = zone;
    }

    Optional<String> groupNameProblem(String name, Collection<String> taken) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            return Optional.of("Give the group a name.");
        }
        if (!n.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            return Optional.of("A group name is a plain identifier: letters, digits and underscores, not starting with a "
                    + "digit.");
        }
        if (taken.contains(n)) {
            return Optional.of("There is a watermark group " + n + " already.");
        }
        return Optional.empty();
    }

    /** The sources as typed, separated by commas or spaces, without repeats. */
    static List<String> sources(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : (text == null ? "" : text).split("[,\\s]+")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return new ArrayList<>(out);
    }

    Optional<String> sourcesProblem(String text) {
        List<String> parsed = sources(text);
        for (String source : parsed) {
            try {
                QualifiedName.parse(source);
            } catch (RuntimeException e) {
                return Optional.of("'" + source + "' is not a table name ([schema.]name).");
            }
        }
        if (parsed.size() < 2) {
            return Optional.of("A watermark group needs at least two sources: the tables that must be loaded to the "
                    + "same point.");
        }
        return Optional.empty();
    }

    Optional<String> toleranceProblem(String text) {
        return Durations.parse(text).isPresent() ? Optional.empty()
                : Optional.of("The tolerance is a duration such as 0, 90s, 15m or 1h30m.");
    }

    /** An ISO-8601 time with offset ({@code 2026-03-01T12:00:00Z}) or a local one ({@code 2026-03-01 12:00}). */
    Optional<Instant> timestamp(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }

    Optional<String> timestampProblem(String text) {
        return timestamp(text).isPresent() ? Optional.empty() : Optional.of("Type the time the source is loaded up to, "
                + "such as 2026-03-01 12:00 (your time zone, " + zone.getId() + ") or 2026-03-01T12:00:00Z.");
    }

    /**
     * Why advancing {@code source} from {@code current} to {@code wanted} would be refused: watermarks
     * only move forward.
     */
    static Optional<String> monotonicProblem(String source, Instant current, Instant wanted) {
        if (current == null || !wanted.isBefore(current)) {
            return Optional.empty();
        }
        return Optional.of(monotonicRule(source, current, wanted));
    }

    static String monotonicRule(String source, Instant current, Instant wanted) {
        return source + " is at " + current + "; " + wanted + " is older. Watermarks only move forward: a watermark "
                + "says the source is complete up to that time, and stream tables may already have been refreshed "
                + "on that promise, so it cannot be taken back. Advance it to " + current + " or later.";
    }

    /** {@code HH:mm:ss} when {@code at} is on the same day as {@code reference} (in this zone), else {@link #format}. */
    String formatShort(Instant at, Instant reference) {
        if (reference != null && at.atZone(zone).toLocalDate().equals(reference.atZone(zone).toLocalDate())) {
            return DateTimeFormatter.ofPattern("HH:mm:ss").withLocale(Locale.ROOT).format(at.atZone(zone));
        }
        return format(at);
    }

    String format(Instant at) {
        return LOCAL.withLocale(Locale.ROOT).format(at.atZone(zone));
    }
}
