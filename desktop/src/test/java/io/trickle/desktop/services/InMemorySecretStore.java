package io.trickle.desktop.services;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Secrets in a map; for view-model tests, which care who asked for what, not about encryption. */
public final class InMemorySecretStore implements SecretStore {

    private final Map<String, String> secrets = new HashMap<>();

    @Override
    public Optional<char[]> find(String key) {
        return Optional.ofNullable(secrets.get(key)).map(String::toCharArray);
    }

    @Override
    public void put(String key, char[] secret) {
        secrets.put(key, new String(secret));
    }

    @Override
    public void remove(String key) {
        secrets.remove(key);
    }

    public Map<String, String> contents() {
        return secrets;
    }
}
