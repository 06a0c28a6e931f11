package io.trickle.engine.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Log levels and format of the command line: quiet by default, the engine's own detail with --verbose. */
final class Logging {

    private static final String JSON_APPENDER = "STDERR-JSON";
    /** The appenders --log-format json took off the root logger, put back by a later text request (tests). */
    private static final List<Appender<ILoggingEvent>> SET_ASIDE = new ArrayList<>();

    private Logging() {
    }

    static void configure(boolean verbose) {
        configure(verbose, LogFormat.TEXT);
    }

    static synchronized void configure(boolean verbose, LogFormat format) {
        if (LoggerFactory.getLogger("io.trickle") instanceof Logger engine) {
            engine.setLevel(verbose ? Level.DEBUG : null);
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            boolean json = root.getAppender(JSON_APPENDER) != null;
            if (format == LogFormat.JSON && !json) {
                toJson(root);
            } else if (format == LogFormat.TEXT && json) {
                root.detachAndStopAllAppenders();
                SET_ASIDE.forEach(root::addAppender);
                SET_ASIDE.clear();
            }
        }
    }

    /**
     * Every line to standard error as one JSON object (logback's own {@link JsonEncoder}: time, level,
     * thread, logger, message, and the key-value pairs a line carries — a refresh line's stream table,
     * action, rows and duration).
     */
    private static void toJson(Logger root) {
        LoggerContext context = root.getLoggerContext();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithArguments(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(JSON_APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            SET_ASIDE.add(it.next());
        }
        SET_ASIDE.forEach(a -> root.detachAppender(a));
        root.addAppender(stderr);
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
