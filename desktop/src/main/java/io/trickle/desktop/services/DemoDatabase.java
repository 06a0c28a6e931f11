package io.trickle.desktop.services;

import io.trickle.engine.api.Trickle;
import java.util.List;

/**
 * Starts (or finds running) the embedded PostgreSQL behind the "Embedded demo" profile. The app
 * supplies it, since only the composition root may touch the engine's embedded server.
 */
@FunctionalInterface
public interface DemoDatabase {

    /** Blocks until the server answers; returns its JDBC URL (user included, no password needed). */
    String start();

    /**
     * Installs what is missing of the engine's demo into the database {@code trickle} reaches, which
     * must be this one (the sample shop's tables and stream tables); returns what it created.
     */
    default List<String> install(Trickle trickle) {
        throw new IllegalStateException("there is no embedded demo here to install");
    }

    /** Puts the demo back as a first install leaves it; returns what it dropped, then what it created. */
    default List<String> reset(Trickle trickle) {
        throw new IllegalStateException("there is no embedded demo here to reset");
    }
}
