package io.trickle.engine.bench;

/**
 * One refresh as the suite saw it.
 *
 * @param action       what the engine did (NO_DATA, DIFFERENTIAL, FULL, …)
 * @param durationMs   the engine's own duration (the database clock)
 * @param wallMs       what the caller waited: the call in-process, the whole {@code trickle refresh}
 *                     process, or for the daemon the time from the commit of the changes (or the
 *                     request) to the end of the refresh
 * @param rowsInserted rows the refresh added to the storage table
 * @param rowsDeleted  rows it removed
 * @param reason       the engine's reason for a fallback or a skip, or null
 */
record Measured(String action, double durationMs, double wallMs, long rowsInserted, long rowsDeleted, String reason) {

    long rowsChanged() {
        return rowsInserted + rowsDeleted;
    }
}
