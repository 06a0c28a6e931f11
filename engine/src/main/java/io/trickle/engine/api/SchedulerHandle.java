package io.trickle.engine.api;

import io.trickle.engine.scheduler.SchedulerDaemon;
import java.time.Duration;

/**
 * A scheduler running in this process ({@link Trickle#runScheduler}). Close or {@link #stop()} it
 * before closing the {@link Trickle} it came from.
 */
public final class SchedulerHandle implements AutoCloseable {

    private final SchedulerDaemon daemon;

    SchedulerHandle(SchedulerDaemon daemon) {
        this.daemon = daemon;
    }

    /** Leader, follower, reconnecting or stopped. */
    public SchedulerRole role() {
        return daemon.role();
    }

    /** Why the scheduler stopped by itself (a catalog upgraded past this engine, say), if it did. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(daemon.failure());
    }

    /**
     * Stops scheduling: in-flight refreshes get a few seconds to finish, then are cancelled (rolled
     * back); the leader lock is released. Returns when the scheduler has stopped.
     */
    public void stop() {
        daemon.stop();
    }

    /** Waits for the scheduler to stop (after {@link #stop()}, or a failure); false on timeout. */
    public boolean awaitTermination(Duration timeout) {
        return daemon.awaitTermination(timeout);
    }

    @Override
    public void close() {
        stop();
    }
}
