package io.trickle.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Backoff against a ticker the test moves. */
class RetryBackoffTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RetryBackoff backoff = new RetryBackoff(nanos::get, Duration.ofSeconds(1), Duration.ofSeconds(10));

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void delaysDoubleUpToTheCapAndASuccessClearsThem() {
        assertEquals(Duration.ofSeconds(1), backoff.failed(7));
        assertTrue(backoff.holds(7));
        advance(Duration.ofMillis(999));
        assertTrue(backoff.holds(7));
        advance(Duration.ofMillis(1));
        assertFalse(backoff.holds(7));
        assertEquals(Duration.ofSeconds(2), backoff.failed(7));
        assertEquals(Duration.ofSeconds(4), backoff.failed(7));
        assertEquals(Duration.ofSeconds(8), backoff.failed(7));
        assertEquals(Duration.ofSeconds(10), backoff.failed(7));
        assertEquals(Duration.ofSeconds(10), backoff.failed(7));
        assertEquals(6, backoff.failures(7));
        backoff.clear(7);
        assertFalse(backoff.holds(7));
        assertEquals(Duration.ofSeconds(1), backoff.failed(7));
    }

    @Test
    void forgetsTablesThatAreGone() {
        backoff.failed(1);
        backoff.failed(2);
        backoff.retainOnly(Set.of(2L));
        assertFalse(backoff.holds(1));
        assertTrue(backoff.holds(2));
    }

    @Test
    void aTickerThatWrapsAroundStillWorks() {
        nanos.set(Long.MAX_VALUE - 10);
        backoff.failed(3);
        assertTrue(backoff.holds(3));
        advance(Duration.ofSeconds(2));
        assertFalse(backoff.holds(3));
    }
}
