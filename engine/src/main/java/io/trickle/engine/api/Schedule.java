package io.trickle.engine.api;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a stream table should be refreshed (DESIGN §4): a duration ({@code 30s}, {@code 5m},
 * {@code 1h30m}, a bare number of seconds), a cron expression (5 fields, or 6 with seconds first, or
 * an alias such as {@code @hourly}; evaluated in UTC), or {@code calculated}: as often as the
 * tightest stream table that reads this one.
 *
 * @param kind     which of the three
 * @param text     the normalised text, as stored in the catalog ({@code null} for calculated)
 * @param interval the period of a duration schedule
 */
public record Schedule(Kind kind, String text, Duration interval) {

    /** The three kinds of schedule. */
    public enum Kind { CALCULATED, DURATION, CRON }

    /** The compact duration form the catalog stores as it was given. */
    private static final Pattern COMPACT = Pattern.compile("\\d+|(\\d+[smhdw])+");
    private static final Map<String, String> ALIASES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final CronParser FIVE_FIELDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SIX_FIELDS = new CronParser(withSeconds());

    public static final Schedule CALCULATED = new Schedule(Kind.CALCULATED, null, null);

    /** The longest period a duration schedule may have. */
    public static final Duration LONGEST = Duration.ofDays(3650);

    /**
     * @throws TrickleException.InvalidInputException naming the text and what is wrong with it
     */
    public static Schedule parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("calculated")) {
            return CALCULATED;
        }
        String s = text.trim();
        Optional<Duration> period = Durations.parse(s);
        if (period.isPresent()) {
            // The catalog keeps the compact form the SQL side reads too (30s, 1h30m, 90).
            String stored = COMPACT.matcher(s.toLowerCase(Locale.ROOT)).matches() ? s.toLowerCase(Locale.ROOT)
                    : Durations.compact(period.get());
            return duration(text, stored, period.get());
        }
        if (s.startsWith("@") || s.contains(" ")) {
            requireFires(text, cron(s));
            return new Schedule(Kind.CRON, s.replaceAll("\\s+", " "), null);
        }
        throw new TrickleException.InvalidInputException("invalid schedule '" + text
                + "': expected a duration such as 30s, 5m or 1h30m, a cron expression, or 'calculated'");
    }

    /**
     * A period between one second and {@link #LONGEST}: every due time the scheduler computes from the
     * period stays far inside what an {@code Instant} holds.
     */
    private static Schedule duration(String given, String text, Duration d) {
        if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + given + "': the period must be at least 1 second");
        }
        if (d.getNano() != 0) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + given
                    + "': the period must be a whole number of seconds");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + given + "': the period must be at most "
                    + LONGEST.toDays() + "d (about ten years)");
        }
        return new Schedule(Kind.DURATION, text, d);
    }

    /** A cron expression that never fires (30 February) would leave its table unrefreshed for ever. */
    private static void requireFires(String text, Cron cron) {
        boolean fires;
        try {
            fires = ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).isPresent();
        } catch (RuntimeException e) {
            fires = false;
        }
        if (!fires) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + text + "': the cron expression never fires");
        }
    }

    /** The cron-utils model of a cron schedule (UTC). */
    public static Cron cron(String text) {
        String s = ALIASES.getOrDefault(text.trim().toLowerCase(Locale.ROOT), text.trim()).replaceAll("\\s+", " ");
        if (s.startsWith("@")) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + text + "': unknown alias; use one of "
                    + String.join(", ", ALIASES.keySet().stream().sorted().toList()));
        }
        int fields = s.split(" ").length;
        try {
            return switch (fields) {
                case 5 -> FIVE_FIELDS.parse(s).validate();
                case 6 -> SIX_FIELDS.parse(s).validate();
                default -> throw new IllegalArgumentException("a cron expression has 5 fields (or 6 with seconds first), not " + fields);
            };
        } catch (IllegalArgumentException e) {
            throw new TrickleException.InvalidInputException("invalid schedule '" + text + "': " + e.getMessage());
        }
    }

    private static CronDefinition withSeconds() {
        return CronDefinitionBuilder.defineCron()
                .withSeconds().and()
                .withMinutes().and()
                .withHours().and()
                .withDayOfMonth().supportsL().supportsW().supportsQuestionMark().and()
                .withMonth().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).supportsQuestionMark().and()
                .instance();
    }

    /** The text as {@code list} shows it. */
    public String display() {
        return kind == Kind.CALCULATED ? "calculated" : text;
    }

    public Optional<Duration> period() {
        return Optional.ofNullable(interval);
    }
}
