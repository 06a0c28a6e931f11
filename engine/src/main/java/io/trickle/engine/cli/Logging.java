package io.trickle.engine.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels of the command line: quiet by default, the engine's own detail with --verbose. */
final class Logging {

    private Logging() {
    }

    static void configure(boolean verbose) {
        if (LoggerFactory.getLogger("io.trickle") instanceof Logger engine) {
            engine.setLevel(verbose ? Level.DEBUG : null);
        }
    }

    /**
     * Benchmarks print their own progress; the engine they run in-process logs only warnings, unless
     * {@code verbose} asks for each refresh.
     */
    static void configureForBenchmark(boolean verbose) {
        if (LoggerFactory.getLogger("io.trickle") instanceof Logger engine) {
            engine.setLevel(verbose ? Level.INFO : Level.WARN);
        }
    }
}
