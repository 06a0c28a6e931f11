package io.trickle.engine.cli;

/** How log lines look on standard error ({@code --log-format}). */
enum LogFormat {
    /** A line for people: time, level, thread, logger, message. */
    TEXT,
    /** One JSON object per line (logback's JsonEncoder), key-value pairs of refresh lines included. */
    JSON
}
