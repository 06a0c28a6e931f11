package io.trickle.desktop.services;

/**
 * The workbench's door to the engine. Every call returns a {@link BackgroundTask} for the task executor
 * instead of doing work, so no engine or JDBC call can happen on the FX thread. Calls that need a
 * connected database live on the {@link EngineSession} that {@link #open} yields.
 */
public interface EngineService {

    /** Connects, reads the catalog version and disconnects. */
    BackgroundTask<ConnectionCheck> testConnection(ConnectionRequest request);

    /** Connects and keeps the session; the embedded demo's server is started first when needed. */
    BackgroundTask<EngineSession> open(ConnectionRequest request);
}
