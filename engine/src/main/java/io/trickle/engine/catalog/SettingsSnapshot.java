package io.trickle.engine.catalog;

import java.util.Map;

/**
 * The settings as one read of {@code pgtrickle.pgt_settings} found them. Stored values were
 * validated when they were set; a value that no longer parses (edited by hand) falls back to the
 * default rather than stopping the engine.
 */
public record SettingsSnapshot(Map<String, String> stored) {

    public SettingsSnapshot {
        stored = Map.copyOf(stored);
    }

    public static SettingsSnapshot defaults() {
        return new SettingsSnapshot(Map.of());
    }

    public <T> T get(Setting<T> setting) {
        String text = stored.get(setting.key());
        if (text == null) {
            return setting.defaultValue();
        }
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            return setting.defaultValue();
        }
    }

    public boolean isStored(Setting<?> setting) {
        return stored.containsKey(setting.key());
    }
}
