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
}
