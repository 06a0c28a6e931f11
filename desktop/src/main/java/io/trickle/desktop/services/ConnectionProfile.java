package io.trickle.desktop.services;

import java.util.Objects;

/**
 * A saved way to reach a database. The password is never part of a profile: the workbench asks for
 * it on connect (or keeps it encrypted in the secret store).
 *
 * @param name    what the DBA calls it, unique in the workspace
 * @param jdbcUrl a {@code jdbc:postgresql:} URL without password
 * @param user    the role to connect as
 */
public record ConnectionProfile(String name, String jdbcUrl, String user) {

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("profiles never store passwords; remove password= from the URL");
        }
    }
}
