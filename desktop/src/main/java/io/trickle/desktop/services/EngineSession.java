package io.trickle.desktop.services;

import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.StreamTableInfo;
import java.util.List;

/**
 * One connected database, as the workbench uses it. Each operation is a {@link BackgroundTask}; the
 * engine's API grows into here one method at a time (create, alter, drop, refresh, history, the
 * dependency graph, watermarks, the in-process scheduler), each returning the engine's own records.
 */
public interface EngineSession {

    ConnectionProfile profile();

    /** {@code host:port/database}, known once connected. */
    String databaseName();

    BackgroundTask<CatalogStatus> catalogStatus();

    /** Installs the catalog, or upgrades an older one in place. */
    BackgroundTask<InstallResult> installCatalog();

    BackgroundTask<List<StreamTableInfo>> listStreamTables();

    /** Releases the session's connections; the task never fails. */
    BackgroundTask<Void> close();
}
