package io.trickle.desktop.services;

/**
 * Starts (or finds running) the embedded PostgreSQL behind the "Embedded demo" profile. The app
 * supplies it, since only the composition root may touch the engine's embedded server.
 */
@FunctionalInterface
public interface DemoDatabase {

    /** Blocks until the server answers; returns its JDBC URL (user included, no password needed). */
    String start();
}
