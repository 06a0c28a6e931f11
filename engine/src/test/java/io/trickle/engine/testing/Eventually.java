package io.trickle.engine.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline instead of sleeping a fixed time (STYLE §5). The condition
 * is polled every few milliseconds; an exception thrown by it counts as "not yet" and is reported
 * if the deadline passes.
 */
public final class Eventually {

    private static final long POLL_NANOS = Duration.ofMillis(25).toNanos();

    private Eventually() {
    }

    public static void await(Duration deadline, BooleanSupplier condition, String description) {
        long end = System.nanoTime() + deadline.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + description
                        + (last == null ? "" : " (last failure: " + last.getMessage() + ")"), last);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Waits until {@code check} runs without throwing. */
    public static void succeeds(Duration deadline, Runnable check, String description) {
        await(deadline, () -> {
            check.run();
            return true;
        }, description);
    }
}
