package io.trickle.desktop.services;

/**
 * The engine's change events of the connected database, listened to on a session of their own
 * ({@link EngineSession#listen}). Closing it stops listening.
 */
public interface EventFeed extends AutoCloseable {

    /** Whether events arrive now; while not, the workbench reads the catalog on a timer instead. */
    boolean isListening();

    @Override
    void close();
}
