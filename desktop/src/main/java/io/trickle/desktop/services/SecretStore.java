package io.trickle.desktop.services;

import java.util.Optional;

/**
 * Passwords the DBA chose to keep, by profile name. Implementations never write them in plain text.
 * Calls touch files: make them in a background task.
 */
public interface SecretStore {

    Optional<char[]> find(String key);

    void put(String key, char[] secret);

    void remove(String key);
}
