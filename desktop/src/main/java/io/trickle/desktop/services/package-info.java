/**
 * What view models may ask of the world, as interfaces free of JavaFX: the engine
 * ({@link io.trickle.desktop.services.EngineService} and the
 * {@link io.trickle.desktop.services.EngineSession} it opens), the workspace, secrets, dialogs,
 * notifications, and the {@link io.trickle.desktop.services.TaskExecutor} that runs every
 * {@link io.trickle.desktop.services.BackgroundTask} off the FX thread.
 *
 * <p>The engine grows into {@code EngineSession} one method per facade call, each returning a
 * {@code BackgroundTask} of the engine's own {@code engine.api} records: {@code create}, {@code alter},
 * {@code drop}, {@code refresh(name)}, {@code history(name)}, the dependency graph, watermarks. Work
 * that outlives a call (the in-process scheduler) belongs on the session too, publishing through a
 * listener the session's view model turns into properties on the FX thread. The FX implementations
 * live in {@code services.fx} and only the composition root knows them.
 */
package io.trickle.desktop.services;
