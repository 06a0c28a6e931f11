package io.trickle.engine.api;

import java.time.Instant;

/** One row of the refresh history. */
public record HistoryEntry(long refreshId, String name, String action, String status, InitiatedBy initiatedBy,
                           long rowsInserted, long rowsDeleted, Instant startTime, Instant endTime, Double durationMs,
                           String reason, String errorMessage, Integer fixpointIteration) {
}
