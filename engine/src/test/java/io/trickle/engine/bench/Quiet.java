package io.trickle.engine.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The micro-benchmarks print JMH's figures; the engine they drive logs only warnings. */
final class Quiet {

    private Quiet() {
    }

    static void engineLogs() {
        if (LoggerFactory.getLogger("io.trickle") instanceof Logger engine) {
            engine.setLevel(Level.WARN);
        }
    }
}
