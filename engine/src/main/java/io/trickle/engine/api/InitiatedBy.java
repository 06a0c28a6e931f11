package io.trickle.engine.api;

/** Who started a refresh, as the history's {@code initiated_by} column records it (DESIGN §5). */
public enum InitiatedBy {
    /** The scheduler, because the table was due. */
    SCHEDULER,
    /** Someone asked: {@code trickle refresh}, the Java API, the workbench, {@code request_refresh}. */
    MANUAL,
    /** The population when the table was created. */
    INITIAL
}
