/**
 * What view models may ask of the world, as interfaces free of JavaFX: the engine
 * ({@link io.trickle.desktop.services.EngineService} and the
 * {@link io.trickle.desktop.services.EngineSession} it opens), the workspace, secrets, dialogs,
 * notifications, and the {@link io.trickle.desktop.services.TaskExecutor} that runs every
 * {@link io.trickle.desktop.services.BackgroundTask} off the FX thread.
 *
 * <p>The engine grows into {@code EngineSession} one method per facade call, each returning a
 * {@code BackgroundTask} of the engine's own {@code engine.api} records: {@code show}, {@code validate},
 * {@code create}, {@code alter}, {@code drop}, {@code refresh}, {@code history}, the dependency graph
 * (and {@code readCatalog}, list and graph as one job); next come watermarks and SCC status. Work
 * that outlives a call belongs on the session too: {@code startScheduler} yields a
 * {@link io.trickle.desktop.services.BundledScheduler} (role, stop), whose role the bundled engine's
 * view model reads once a second. The FX implementations live in {@code services.fx} and only the
 * composition root knows them.
 */
package io.trickle.desktop.services;
