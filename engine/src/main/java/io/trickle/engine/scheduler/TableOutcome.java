package io.trickle.engine.scheduler;

import io.trickle.engine.api.RefreshResult;

/**
 * What became of one planned table in a tick.
 *
 * @param id         the stream table
 * @param result     what happened
 * @param refresh    the refresh's result, for {@link Result#REFRESHED}
 * @param detail     the error, or why the table was not refreshed
 * @param consistent for a refresh: it read its sources in the level's shared snapshot
 */
record TableOutcome(long id, Result result, RefreshResult refresh, String detail, boolean consistent) {

    enum Result {
        /** A refresh ran and committed (any action, NO_DATA included); it has a history row. */
        REFRESHED,
        /** Nothing to refresh: no source changed since the table's frontier; {@code last_refresh_at} moved. */
        QUIET,
        /** Another session is refreshing it; left for the next tick. */
        BUSY,
        /** Not run, so that a reader does not combine versions (an upstream did not refresh). */
        BLOCKED,
        /** The refresh failed and rolled back; the failure is recorded. */
        FAILED,
        /** The database could not be reached; nothing is counted against the table. */
        NO_SESSION,
        /** Dropped while the tick ran. */
        GONE,
        /** The scheduler is stopping. */
        STOPPED,
        /** Held back by watermark gating: a group beneath it is not aligned; recorded once per due period. */
        SKIPPED
    }

    static TableOutcome of(long id, Result result, String detail) {
        return new TableOutcome(id, result, null, detail, false);
    }

    /** Caught up with its sources in this tick, so its readers may run. */
    boolean fresh() {
        return result == Result.QUIET || (result == Result.REFRESHED && consistent);
    }
}
