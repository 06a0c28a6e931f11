package io.trickle.engine.graph;

import com.cronutils.model.time.ExecutionTime;
import io.trickle.engine.api.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The schedule a stream table is actually refreshed on: its own duration or cron expression, or for
 * a {@code calculated} table the one {@link SchedulePropagation} derived. All arithmetic takes the
 * instants it compares as arguments — the scheduler passes the database clock's {@code now} and the
 * catalog's {@code last_refresh_at} — so it is pure and testable without waiting.
 *
 * <p>Due rules: a table never refreshed is due at once. A period is due when it has passed since the
 * last refresh; a cron expression (UTC) is due at its first fire time strictly after the last
 * refresh. A table is <em>stale</em> (alert {@code stale_data}) once twice its period has passed
 * since the last refresh, or for a cron expression once its second fire time after the last refresh
 * has passed — in both cases it has missed a whole turn.
 */
public final class EffectiveSchedule {

    private final Duration period;
    private final String cronText;
    private final ExecutionTime cron;
    private final boolean calculated;

    private EffectiveSchedule(Duration period, String cronText, boolean calculated) {
        this.period = period;
        this.cronText = cronText;
        this.cron = cronText == null ? null : ExecutionTime.forCron(Schedule.cron(cronText));
        this.calculated = calculated;
    }

    /** A fixed period. */
    public static EffectiveSchedule every(Duration period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a period must be positive: " + period);
        }
        return new EffectiveSchedule(period, null, false);
    }

    /** A cron expression (5 or 6 fields or an alias), evaluated in UTC. */
    public static EffectiveSchedule cron(String text) {
        return new EffectiveSchedule(null, Objects.requireNonNull(text, "text"), false);
    }

    /** A table's own schedule; {@code calculated} has none of its own. */
    static EffectiveSchedule own(Schedule schedule) {
        return switch (schedule.kind()) {
            case DURATION -> every(schedule.interval());
            case CRON -> cron(schedule.text());
            case CALCULATED -> throw new IllegalArgumentException("a calculated schedule is derived, not given");
        };
    }

    /** The same schedule, marked as derived for a {@code calculated} table. */
    EffectiveSchedule asCalculated() {
        return calculated ? this : new EffectiveSchedule(period, cronText, true);
    }

    public boolean isCalculated() {
        return calculated;
    }

    /** The period, for a period schedule. */
    public java.util.Optional<Duration> period() {
        return java.util.Optional.ofNullable(period);
    }

    /** When the table is next due; {@code null} {@code lastRefresh} (never refreshed) means at once, returned as null. */
    public Instant nextDue(Instant lastRefresh) {
        if (lastRefresh == null) {
            return null;
        }
        return period != null ? lastRefresh.plus(period) : nextFire(lastRefresh);
    }

    /** Whether the table is due at {@code now}. */
    public boolean isDue(Instant lastRefresh, Instant now) {
        Instant next = nextDue(lastRefresh);
        return next == null || !now.isBefore(next);
    }

    /** The instant after which the table counts as stale, or null when it was never refreshed. */
    public Instant staleAfter(Instant lastRefresh) {
        if (lastRefresh == null) {
            return null;
        }
        return period != null ? lastRefresh.plus(period.multipliedBy(2)) : nextFire(nextFire(lastRefresh));
    }

    /**
     * How often the schedule fires, for comparing schedules: the period, or for a cron expression the
     * shortest gap among its next few fire times after {@code reference}.
     */
    public Duration typicalGap(Instant reference) {
        if (period != null) {
            return period;
        }
        Duration shortest = null;
        Instant fire = nextFire(reference);
        for (int i = 0; i < 4; i++) {
            Instant following = nextFire(fire);
            if (following.equals(Instant.MAX)) {
                // An expression that stops firing is as loose as a schedule can be.
                return shortest != null ? shortest : Duration.ofDays(36_500);
            }
            Duration gap = Duration.between(fire, following);
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            fire = following;
        }
        return shortest;
    }

    /** The next fire time, or {@link Instant#MAX} when the expression fires no more (or past what a date holds). */
    private Instant nextFire(Instant after) {
        if (after.equals(Instant.MAX)) {
            return Instant.MAX;
        }
        try {
            return cron.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElse(Instant.MAX);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }

    /** As {@code list} shows it: {@code 30s}, {@code 1h30m}, {@code 0 * * * *}. */
    public String display() {
        return period != null ? formatDuration(period) : cronText;
    }

    static String formatDuration(Duration d) {
        long seconds = d.getSeconds();
        StringBuilder out = new StringBuilder();
        long[] sizes = {7 * 86_400L, 86_400L, 3_600L, 60L, 1L};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                out.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return out.length() == 0 ? "0s" : out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveSchedule e && Objects.equals(period, e.period)
                && Objects.equals(cronText, e.cronText) && calculated == e.calculated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, cronText, calculated);
    }

    @Override
    public String toString() {
        return display() + (calculated ? " (calculated)" : "");
    }
}
