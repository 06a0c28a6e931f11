package io.trickle.engine.api;

/**
 * What a refresh run by this engine came to, as its {@link RefreshListener}s hear it: one event per
 * refresh, after its transaction committed (or, for a failure, after the failure was recorded).
 * Every refresh path publishes here — the scheduler's, {@link Trickle#refresh}, a cycle's rounds.
 */
public sealed interface RefreshEvent {

    /** The stream table, quoted where PostgreSQL needs quotes. */
    String streamTable();

    /** Who asked for the refresh. */
    InitiatedBy initiatedBy();

    /**
     * A refresh committed (any action: a SKIP held back by watermark gating included).
     *
     * @param reasonCode why it was not a plain differential refresh, or null
     * @param durationMs as the database clock measured it
     */
    record Completed(String streamTable, InitiatedBy initiatedBy, RefreshAction action, ReasonCode reasonCode,
                     long rowsInserted, long rowsDeleted, double durationMs) implements RefreshEvent {
    }

    /** A refresh failed and rolled back; the failure is in the history. */
    record Failed(String streamTable, InitiatedBy initiatedBy, String error) implements RefreshEvent {
    }
}
