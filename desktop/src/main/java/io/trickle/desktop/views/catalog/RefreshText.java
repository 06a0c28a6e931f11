package io.trickle.desktop.views.catalog;

import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How refresh outcomes read in notifications and the history: action, rows and milliseconds. */
public final class RefreshText {

    private RefreshText() {
    }

    /** "DIFFERENTIAL · +12 −3 rows · 8 ms", with the engine's reason for a fallback or skip. */
    public static String summary(RefreshResult result) {
        String rows = result.rowsInserted() == 0 && result.rowsDeleted() == 0 ? "no rows changed"
                : rows(result.rowsInserted(), result.rowsDeleted()) + " rows";
        String text = result.action() + " · " + rows + " · " + millis(result.durationMs());
        return result.reason() == null || result.reason().isBlank() ? text : text + "\n" + result.reason();
    }

    /** "4 differential, 1 no data · 31 ms in all". */
    static String runSummary(List<RefreshResult> results) {
        Map<RefreshAction, Long> byAction = results.stream().collect(Collectors.groupingBy(RefreshResult::action,
                () -> new EnumMap<>(RefreshAction.class), Collectors.counting()));
        String actions = byAction.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        double total = results.stream().mapToDouble(RefreshResult::durationMs).sum();
        return (actions.isEmpty() ? "nothing refreshed" : actions) + " · " + millis(total) + " in all";
    }

    /** "+12 −3": rows inserted and deleted; "0" when none changed. */
    /** Today's times by the second ({@code 14:02:11}), older ones by date and minute ({@code 03-01 09:15}). */
    public static String time(java.time.Instant at) {
        if (at == null) {
            return "";
        }
        java.time.ZonedDateTime local = at.atZone(java.time.ZoneId.systemDefault());
        boolean today = local.toLocalDate().equals(java.time.LocalDate.now());
        return java.time.format.DateTimeFormatter.ofPattern(today ? "HH:mm:ss" : "MM-dd HH:mm").format(local);
    }

    /** A refresh mode in a word where space is short (the navigator): diff, full, immediate. */
    public static String shortMode(String mode) {
        if (mode == null) {
            return "";
        }
        return switch (mode) {
            case "DIFFERENTIAL" -> "diff";
            case "FULL" -> "full";
            case "IMMEDIATE" -> "immediate";
            default -> mode.toLowerCase(Locale.ROOT);
        };
    }

    public static String rows(long inserted, long deleted) {
        if (inserted == 0 && deleted == 0) {
            return "0";
        }
        return "+" + inserted + " −" + deleted;
    }

    public static String millis(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 10_000) {
            return Math.round(ms) + " ms";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** "12 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
    public static String age(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }

    /** "3 min 5 s ago", or "never" when there is no time. */
    public static String ago(Double seconds) {
        return seconds == null ? "never" : age(seconds) + " ago";
    }
}
