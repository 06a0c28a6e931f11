package io.trickle.engine.api;

/**
 * One problem {@code pgtrickle.health()} reports (issue 16), worst first.
 *
 * @param object the stream table, source, watermark group or database it is about
 * @param detail a sentence for a DBA
 */
public record HealthProblem(Severity severity, Kind kind, String object, String detail) {

    /** How urgent: CRITICAL means nothing is being kept fresh for that object. */
    public enum Severity { CRITICAL, WARNING }

    /** The problems {@code health()} knows, in the order it lists them. */
    public enum Kind { NO_LEADER, SUSPENDED, FAILING, STALE, BUFFER_GROWING, WATERMARK_MISALIGNED }
}
