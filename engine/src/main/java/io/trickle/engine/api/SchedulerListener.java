package io.trickle.engine.api;

/**
 * Hears what a scheduler started by {@link Trickle#runScheduler} does besides refreshing
 * ({@link SchedulerEvent}). Given to {@link Trickle#open} through {@link EngineOptions#withListeners},
 * it reaches the daemon through its constructor. Called on the scheduler's own thread; keep it
 * quick, and never throw (what a listener throws is logged and ignored).
 */
@FunctionalInterface
public interface SchedulerListener {

    SchedulerListener NONE = event -> {
    };

    void on(SchedulerEvent event);
}
