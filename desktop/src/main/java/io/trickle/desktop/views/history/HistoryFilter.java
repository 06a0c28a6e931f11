package io.trickle.desktop.views.history;

import io.trickle.engine.api.HistoryEntry;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which refreshes the history shows: by stream table, action and status (each empty for all), and by
 * a text found in the table's name, the reason or the error message.
 */
public record HistoryFilter(String table, String action, String status, String text) implements Predicate<HistoryEntry> {

    public static final HistoryFilter ALL = new HistoryFilter("", "", "", "");

    public HistoryFilter {
        table = table == null ? "" : table;
        action = action == null ? "" : action;
        status = status == null ? "" : status;
        text = text == null ? "" : text.trim();
    }

    @Override
    public boolean test(HistoryEntry entry) {
        return (table.isEmpty() || table.equals(entry.name()))
                && (action.isEmpty() || action.equalsIgnoreCase(entry.action()))
                && (status.isEmpty() || status.equalsIgnoreCase(entry.status()))
                && (text.isEmpty() || contains(entry.name()) || contains(entry.reason()) || contains(entry.errorMessage())
                || contains(entry.initiatedBy().name()));
    }

    public boolean isEmpty() {
        return equals(ALL);
    }

    private boolean contains(String field) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }
}
