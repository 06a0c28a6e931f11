package io.trickle.desktop.services;

/**
 * Runs {@link BackgroundTask}s off the FX thread and calls their callbacks on it. The workbench uses
 * one that shows each task in the Jobs view; view-model tests use one that runs tasks in line.
 */
public interface TaskExecutor {

    /** Starts the task; call from the FX thread. */
    <T> TaskHandle execute(BackgroundTask<T> task);

    /**
     * Runs {@code action} on the FX thread, soon: for news that arrives on a thread of its own (the
     * engine's events), never for work.
     */
    void onUiThread(Runnable action);

    /** A started task, which can be cancelled. */
    interface TaskHandle {
        void cancel();
    }
}
