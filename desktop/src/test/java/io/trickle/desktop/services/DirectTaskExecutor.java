package io.trickle.desktop.services;

/**
 * Runs each task at once on the calling thread and calls its callbacks in line, so view-model tests
 * see the outcome of a command as soon as it returns, with no FX toolkit and no waiting.
 */
public final class DirectTaskExecutor implements TaskExecutor {

    private int executed;

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        executed++;
        T value;
        try {
            value = task.work().run(new TaskContext() {
                @Override
                public void progress(double workDone, String message) {
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        } catch (Exception e) {
            task.failureHandler().orElseThrow(() -> new AssertionError(task.title() + " failed without a handler", e))
                    .accept(e);
            return () -> { };
        }
        task.succeeded(value);
        return () -> { };
    }

    public int executed() {
        return executed;
    }
}
