package io.trickle.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets another thread stop a read the engine is running for a caller ({@link Trickle#preview},
 * {@link Trickle#relationStats}): {@link #cancel()} cancels the statement on the server, and the
 * read fails with {@link TrickleException.ActionFailedException} saying it was cancelled.
 */
public final class Cancellation {

    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    public static Cancellation create() {
        return new Cancellation();
    }

    /** Never cancelled; for callers with nothing to cancel with. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code action} on {@link #cancel()}, or at once when already cancelled. For the engine: it
     * registers how to stop the statement it is about to run.
     */
    public void onCancel(Runnable action) {
        boolean now;
        synchronized (this) {
            now = cancelled;
            if (!now) {
                onCancel.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }
}
