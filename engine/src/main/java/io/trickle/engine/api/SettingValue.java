package io.trickle.engine.api;

/**
 * One setting as the engine sees it.
 *
 * @param key          snake_case key (DESIGN §3)
 * @param value        the value in effect
 * @param defaultValue the built-in default
 * @param isDefault    true when no value is stored in the catalog
 * @param allowed      what values are accepted, in words
 * @param description  what the setting does
 */
public record SettingValue(String key, String value, String defaultValue, boolean isDefault, String allowed,
                           String description) {
}
