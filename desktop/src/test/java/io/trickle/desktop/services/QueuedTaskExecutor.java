package io.trickle.desktop.services;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps tasks until the test runs or cancels them, one at a time and in order, so a view-model test
 * can look at the state while a task is under way, or cancel it as the DBA would.
 */
public final class QueuedTaskExecutor implements TaskExecutor {

    private final Deque<BackgroundTask<?>> waiting = new ArrayDeque<>();
    private final DirectTaskExecutor direct = new DirectTaskExecutor();

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        waiting.add(task);
        return () -> cancel(task);
    }

    /** Runs the oldest waiting task (and its callbacks) now. */
    public void runNext() {
        direct.execute(next());
    }

    /** Runs waiting tasks until none is left, including those they start. */
    public void runAll() {
        while (!waiting.isEmpty()) {
            runNext();
        }
    }

    /** Cancels the oldest waiting task as the Jobs view would. */
    public void cancelNext() {
        cancel(next());
    }

    public int waiting() {
        return waiting.size();
    }

    /** The title of the oldest waiting task. */
    public String nextTitle() {
        return waiting.isEmpty() ? "" : waiting.peek().title();
    }

    private BackgroundTask<?> next() {
        BackgroundTask<?> task = waiting.poll();
        if (task == null) {
            throw new AssertionError("no task is waiting");
        }
        return task;
    }

    private void cancel(BackgroundTask<?> task) {
        waiting.remove(task);
        task.abort();
        task.cancelled();
    }
}
