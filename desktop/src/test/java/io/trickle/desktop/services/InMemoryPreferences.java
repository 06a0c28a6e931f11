package io.trickle.desktop.services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Preferences kept in a map, for view-model tests. */
public final class InMemoryPreferences implements WorkbenchPreferences {

    private final Map<String, String> values = new LinkedHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }
}
