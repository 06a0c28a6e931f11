package io.trickle.desktop.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Connection profiles in a map, ordered by name like the workspace's. */
public final class InMemoryConnectionProfiles implements ConnectionProfiles {

    private final TreeMap<String, ConnectionProfile> profiles = new TreeMap<>();

    @Override
    public List<ConnectionProfile> all() {
        return new ArrayList<>(profiles.values());
    }

    @Override
    public Optional<ConnectionProfile> byName(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    @Override
    public void save(ConnectionProfile profile) {
        profiles.put(profile.name(), profile);
    }

    @Override
    public boolean delete(String name) {
        return profiles.remove(name) != null;
    }
}
