package io.trickle.desktop.services;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A piece of work that must not run on the FX thread (JDBC, the engine, files), as a value: its title
 * for the Jobs view, the work itself, and what to do with the outcome. A {@link TaskExecutor} runs it;
 * the callbacks run on the FX thread, so they may change view-model properties.
 *
 * <pre>
 * taskExecutor.execute(engine.open(request)
 *         .onSuccess(session::set)
 *         .onFailure(e -&gt; dialogs.showError("Cannot connect", ErrorMessages.describe(e))));
 * </pre>
 *
 * @param <T> what the work produces
 */
public final class BackgroundTask<T> {

    /** The work; it may throw, and a failure reaches {@link #onFailure} with its message intact. */
    @FunctionalInterface
    public interface Work<T> {
        T run(TaskContext context) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<T> onSuccess = value -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private Runnable abort = () -> { };
    private boolean silent;

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Called on the FX thread with the result. */
    public BackgroundTask<T> onSuccess(Consumer<T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Called on the FX thread when the work threw. Without one, the executor reports the failure as a
     * notification with a readable message.
     */
    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Called on the FX thread once the task counts as cancelled. */
    public BackgroundTask<T> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Called when the DBA cancels, besides interrupting the worker: work blocked in I/O that ignores
     * interrupts (a JDBC call) can be stopped here, for example by closing its connection.
     */
    public BackgroundTask<T> onAbort(Runnable action) {
        this.abort = Objects.requireNonNull(action);
        return this;
    }

    /** Housekeeping the DBA need not watch (saving the layout): kept out of the Jobs view. */
    public BackgroundTask<T> silent() {
        this.silent = true;
        return this;
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    public boolean isSilent() {
        return silent;
    }

    public void succeeded(T value) {
        onSuccess.accept(value);
    }

    /** The failure handler, if the task has its own. */
    public Optional<Consumer<Throwable>> failureHandler() {
        return Optional.ofNullable(onFailure);
    }

    public void cancelled() {
        onCancelled.run();
    }

    public void abort() {
        abort.run();
    }
}
