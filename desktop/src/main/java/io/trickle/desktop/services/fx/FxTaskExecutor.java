package io.trickle.desktop.services.fx;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.TaskContext;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.JobsModel;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background tasks on daemon threads named {@code trickle-ui-task-<n>}, each wrapped in a JavaFX
 * {@link Task} so that progress, success, failure and cancellation arrive on the FX thread. Every task
 * that is not silent appears in the {@link JobsModel}, from where the DBA can cancel it. A failure
 * without its own handler goes to {@code defaultFailure} as readable text; the stack trace goes only
 * to the log.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final JobsModel jobs;
    private final Consumer<String> defaultFailure;
    private final ExecutorService threads = Executors.newCachedThreadPool(new Named());

    /**
     * @param defaultFailure shows a failure message when the task has no failure handler
     */
    public FxTaskExecutor(JobsModel jobs, Consumer<String> defaultFailure) {
        this.jobs = jobs;
        this.defaultFailure = defaultFailure;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("start background tasks from the FX thread: " + task.title());
        }
        FxTask<T> fx = new FxTask<>(task);
        JobsModel.Job job = task.isSilent() ? null : jobs.add(task.title(), Instant.now(), () -> cancel(fx, task));
        if (job != null) {
            fx.setOnRunning(e -> job.markRunning());
            fx.progressProperty().addListener((obs, old, now) -> job.report(now.doubleValue(), null));
            fx.messageProperty().addListener((obs, old, now) -> job.report(fx.getProgress(), now));
        }
        fx.setOnSucceeded(e -> {
            if (job != null) {
                job.finish(JobsModel.State.SUCCEEDED, "Done");
            }
            task.succeeded(fx.getValue());
        });
        fx.setOnFailed(e -> {
            Throwable failure = fx.getException();
            String text = ErrorMessages.describe(failure);
            LOG.warn("{} failed: {}", task.title(), text, failure);
            if (job != null) {
                job.finish(JobsModel.State.FAILED, text);
            }
            task.failureHandler().ifPresentOrElse(handler -> handler.accept(failure),
                    () -> defaultFailure.accept(task.title() + " failed: " + text));
        });
        fx.setOnCancelled(e -> {
            if (job != null) {
                job.finish(JobsModel.State.CANCELLED, "Cancelled");
            }
            task.cancelled();
        });
        threads.execute(fx);
        return () -> cancel(fx, task);
    }

    @Override
    public void onUiThread(Runnable action) {
        Platform.runLater(action);
    }

    private static void cancel(Task<?> fx, BackgroundTask<?> task) {
        if (fx.cancel(true)) {
            try {
                task.abort();
            } catch (RuntimeException e) {
                LOG.warn("aborting {} failed: {}", task.title(), e.getMessage());
            }
        }
    }

    /**
     * Lets queued and running tasks finish (a disconnect, a layout save) for up to {@code grace}, then
     * interrupts what is left. Blocks: call it off the FX thread.
     */
    public void shutdown(java.time.Duration grace) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The JavaFX task around one background task; its context forwards progress to the Task. */
    private static final class FxTask<T> extends Task<T> implements TaskContext {
        private final BackgroundTask<T> task;

        FxTask(BackgroundTask<T> task) {
            this.task = task;
            updateTitle(task.title());
        }

        @Override
        protected T call() throws Exception {
            return task.work().run(this);
        }

        @Override
        public void progress(double workDone, String message) {
            if (workDone < 0) {
                updateProgress(-1, 1);
            } else {
                updateProgress(Math.min(1, workDone), 1);
            }
            if (message != null) {
                updateMessage(message);
            }
        }
    }

    /** Daemon threads, so a task stuck in I/O cannot keep the JVM alive after the window closed. */
    private static final class Named implements ThreadFactory {
        private final AtomicInteger counter = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "trickle-ui-task-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
