package io.trickle.engine.api;

/**
 * The outcome of one refresh.
 *
 * @param name         the stream table
 * @param action       what was done
 * @param rowsInserted rows added to the storage table (an updated row counts once here and once in deleted)
 * @param rowsDeleted  rows removed from the storage table
 * @param durationMs   duration measured by the database clock
 * @param reason       why FULL was used instead of DIFFERENTIAL, or why the refresh was skipped; null otherwise
 */
public record RefreshResult(String name, RefreshAction action, long rowsInserted, long rowsDeleted, double durationMs,
                            String reason) {
}
