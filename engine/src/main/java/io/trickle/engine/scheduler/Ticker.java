package io.trickle.engine.scheduler;

/**
 * Elapsed time for the scheduler: tick pacing and retry backoff. Never used for anything stored or
 * compared with catalog rows — those use the database clock (DESIGN §2). Tests inject a ticker they
 * advance by hand.
 */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, monotonic. */
    long nanoTime();
}
