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

    /**
     * The name of the built-in profile for the embedded PostgreSQL that ships with the workbench. It is
     * never stored: the workbench lists it first and starts the server when the DBA connects.
     */
    public static final String EMBEDDED_DEMO_NAME = "Embedded demo";

    /** The embedded server's usual address; the real port is known once it has started. */
    private static final String EMBEDDED_DEMO_URL = "jdbc:postgresql://localhost:54329/trickle";

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

    public static ConnectionProfile embeddedDemo() {
        return new ConnectionProfile(EMBEDDED_DEMO_NAME, EMBEDDED_DEMO_URL, "postgres");
    }

    public boolean isEmbeddedDemo() {
        return equals(embeddedDemo());
    }
}
