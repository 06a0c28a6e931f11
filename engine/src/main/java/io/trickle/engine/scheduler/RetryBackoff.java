package io.trickle.engine.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff after failed refreshes: after the n-th failure in a row a table is held back
 * for {@code base · 2^(n-1)}, at most {@code cap}, then becomes due again by its schedule. A
 * success clears it. Kept in memory only: after a restart every table gets one immediate try (the
 * catalog's {@code consecutive_errors} still counts towards suspension). Also used, with its own
 * instance, for reconnecting to the database.
 */
final class RetryBackoff {

    private record State(int failures, long notBeforeNanos) {
    }

    private final Ticker ticker;
    private final Duration base;
    private final Duration cap;
    private final Map<Long, State> states = new ConcurrentHashMap<>();

    RetryBackoff(Ticker ticker, Duration base, Duration cap) {
        this.ticker = ticker;
        this.base = base;
        this.cap = cap;
    }

    /** Records a failure of {@code key}; returns how long it is now held back. */
    Duration failed(long key) {
        State previous = states.get(key);
        int failures = previous == null ? 1 : previous.failures() + 1;
        Duration delay = delayAfter(failures);
        states.put(key, new State(failures, ticker.nanoTime() + delay.toNanos()));
        return delay;
    }

    Duration delayAfter(int failures) {
        int doublings = Math.min(failures - 1, 30);
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** Whether {@code key} is still held back. */
    boolean holds(long key) {
        State s = states.get(key);
        return s != null && ticker.nanoTime() - s.notBeforeNanos() < 0;
    }

    int failures(long key) {
        State s = states.get(key);
        return s == null ? 0 : s.failures();
    }

    void clear(long key) {
        states.remove(key);
    }

    /** Forgets keys that are no longer known (dropped tables). */
    void retainOnly(java.util.Set<Long> keys) {
        states.keySet().retainAll(keys);
    }
}
