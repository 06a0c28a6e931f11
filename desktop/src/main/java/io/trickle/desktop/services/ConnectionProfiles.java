package io.trickle.desktop.services;

import java.util.List;
import java.util.Optional;

/** The saved connection profiles of the workspace. */
public interface ConnectionProfiles {

    List<ConnectionProfile> all();

    Optional<ConnectionProfile> byName(String name);

    /** Adds the profile, or replaces the one with the same name. */
    void save(ConnectionProfile profile);

    boolean delete(String name);
}
