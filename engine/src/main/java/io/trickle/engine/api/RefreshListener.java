package io.trickle.engine.api;

/**
 * Hears every refresh this engine runs ({@link RefreshEvent}): metrics, the workbench, tests. Given
 * to {@link Trickle#open} through {@link EngineOptions#withListeners}, it reaches the refresh
 * executor through its constructor, so a new subscriber needs no wiring of its own. Called on the
 * thread that ran the refresh; keep it quick, and never throw (what a listener throws is logged and
 * ignored).
 */
@FunctionalInterface
public interface RefreshListener {

    RefreshListener NONE = event -> {
    };

    void on(RefreshEvent event);
}
