package io.trickle.desktop.views.properties;

import java.util.List;
import java.util.Objects;

/**
 * A titled group of rows in the properties view.
 *
 * @param title the group's heading ("Stream table", "Columns")
 * @param rows  its rows, in order
 */
public record PropertySection(String title, List<Row> rows) {

    /** How a value should stand out. */
    public enum Emphasis { NONE, GOOD, WARNING, ERROR, MONOSPACE, MUTED }

    /**
     * One property.
     *
     * @param key      what it is ("Schedule")
     * @param value    its value as text; may span lines
     * @param emphasis how the value is drawn
     */
    public record Row(String key, String value, Emphasis emphasis) {
        public Row {
            Objects.requireNonNull(key, "key");
            value = value == null ? "" : value;
            Objects.requireNonNull(emphasis, "emphasis");
        }

        public static Row of(String key, String value) {
            return new Row(key, value, Emphasis.NONE);
        }
    }

    public PropertySection {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
    }

    /** The value of the first row with this key, or empty. */
    public String value(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).map(Row::value).findFirst().orElse("");
    }
}
