package io.trickle.engine.cli;

import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scheduler in the foreground, as {@code run} and {@code demo} run it: started, then waited for
 * until SIGTERM or SIGINT ({@link StopSignals}) asks it to stop, which it does within 10 seconds;
 * the command then returns normally (exit code 0). A scheduler that stops without being asked is a
 * failure (exit code 1).
 */
final class SchedulerInForeground {

    private SchedulerInForeground() {
    }

    /** Schedules {@code trickle}'s database until a signal; {@code what} completes the line on standard error. */
    static void run(Trickle trickle, PrintWriter err, String what) {
        AtomicBoolean stopAsked = new AtomicBoolean();
        SchedulerHandle handle = trickle.runScheduler(SchedulerOptions.defaults());
        try (StopSignals signals = new StopSignals(() -> {
            stopAsked.set(true);
            handle.stop();
        })) {
            err.printf("%s; stop with SIGTERM or Ctrl-C%n", what);
            err.flush();
            while (!handle.awaitTermination(Duration.ofSeconds(1))) {
                // keep waiting: only a signal (or a failure of the loop) ends the daemon
            }
        } finally {
            handle.stop();
        }
        if (!stopAsked.get()) {
            throw new ActionFailedException(handle.failure().orElse("the scheduler of " + trickle.databaseName()
                    + " stopped unexpectedly; see the log"));
        }
    }
}
