package io.trickle.engine.api;

import java.time.Instant;

/**
 * One row of the refresh history.
 *
 * @param fixpointIteration the round of a cycle's fixpoint run this refresh belongs to, or null
 * @param quietChecks       for a run of scheduler checks that found nothing to do (action NO_DATA, status
 *                          COMPLETED), how many checks the row stands for; null for a refresh that ran
 * @param lastCheckedAt     the latest of those checks, or null
 */
public record HistoryEntry(long refreshId, String name, String action, String status, InitiatedBy initiatedBy,
                           long rowsInserted, long rowsDeleted, Instant startTime, Instant endTime, Double durationMs,
                           String reason, String errorMessage, Integer fixpointIteration, Integer quietChecks,
                           Instant lastCheckedAt) {

    /** A row of a refresh that ran (or was skipped or failed): no quiet checks. */
    public HistoryEntry(long refreshId, String name, String action, String status, InitiatedBy initiatedBy,
                        long rowsInserted, long rowsDeleted, Instant startTime, Instant endTime, Double durationMs,
                        String reason, String errorMessage, Integer fixpointIteration) {
        this(refreshId, name, action, status, initiatedBy, rowsInserted, rowsDeleted, startTime, endTime, durationMs,
                reason, errorMessage, fixpointIteration, null, null);
    }

    /** Whether the row stands for scheduler checks that found nothing to do rather than for a refresh. */
    public boolean isQuietRun() {
        return quietChecks != null;
    }

    /** When the row last changed: the latest check of a quiet run, else the end (or start) of the refresh. */
    public Instant lastActivity() {
        return lastCheckedAt != null ? lastCheckedAt : endTime != null ? endTime : startTime;
    }
}
