package io.trickle.engine.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One engine setting (DESIGN §3), declared once with its key, type, default, allowed values and
 * description. The command line, the desktop's properties view and validation all read it from
 * here, so the rule for a value is never written twice.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {

    private final String key;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String allowed;
    private final String description;

    private Setting(String key, T defaultValue, Function<String, T> parser, String allowed, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.allowed = allowed;
        this.description = description;
    }

    static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, defaultValue, text -> {
            int v;
            try {
                v = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        }, "an integer from " + min + " to " + max, description);
    }

    static Setting<Double> decimal(String key, double defaultValue, double min, double max, String description) {
        return new Setting<>(key, defaultValue, text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number");
            }
            if (Double.isNaN(v) || v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        }, "a number from " + min + " to " + max, description);
    }

    static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, defaultValue, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        }, "true or false", description);
    }

    static Setting<String> choice(String key, String defaultValue, List<String> choices, String description) {
        return new Setting<>(key, defaultValue, text -> {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(v)) {
                throw new IllegalArgumentException("not one of the allowed values");
            }
            return v;
        }, "one of " + String.join(", ", choices), description);
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** What values are accepted, in words ("an integer from 100 to 60000"). */
    public String allowed() {
        return allowed;
    }

    public String description() {
        return description;
    }

    /**
     * Parses and validates {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the setting, the value and what is allowed
     */
    public T parse(String text) {
        Objects.requireNonNull(text, "value");
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for setting " + key + ": "
                    + e.getMessage() + "; expected " + allowed, e);
        }
    }

    /** The canonical text of a value, as stored in the catalog. */
    public String format(Object value) {
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return key;
    }
}
