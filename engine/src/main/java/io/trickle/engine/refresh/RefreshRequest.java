package io.trickle.engine.refresh;

/**
 * What started a refresh and how it should run.
 *
 * @param initiatedBy       SCHEDULER, MANUAL or INITIAL
 * @param forceFull         recompute in full even when DIFFERENTIAL would do (refresh --full)
 * @param fixpointIteration the iteration of a cycle's fixpoint this refresh belongs to, or null
 * @param sharedSnapshot    a snapshot exported by the scheduler ({@code pg_export_snapshot()}) that the
 *                          refresh transaction imports, so that every refresh of one dependency level
 *                          reads its sources at the same point; null for a snapshot of its own
 * @param note              a remark the caller adds to the refresh's reason (history row and result),
 *                          e.g. that a manual refresh overrode watermark gating; null for none
 * @param precondition      checked inside the refresh transaction before anything changes; when it
 *                          holds the refresh back, the refresh records a SKIP instead; null for none
 */
public record RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration, String sharedSnapshot,
                             String note, RefreshPrecondition precondition) {

    public RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration) {
        this(initiatedBy, forceFull, fixpointIteration, null, null, null);
    }

    public RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration, String sharedSnapshot) {
        this(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, null, null);
    }

    public static RefreshRequest manual(boolean full) {
        return new RefreshRequest("MANUAL", full, null);
    }

    public static RefreshRequest scheduled() {
        return new RefreshRequest("SCHEDULER", false, null);
    }

    public RefreshRequest withSharedSnapshot(String snapshotId) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, snapshotId, note, precondition);
    }

    public RefreshRequest withNote(String remark) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, remark, precondition);
    }

    public RefreshRequest withPrecondition(RefreshPrecondition check) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, note, check);
    }

    /** The reason a refresh records: its own (why FULL, say), followed by the caller's note. */
    String reasonWith(String ownReason) {
        if (note == null) {
            return ownReason;
        }
        return ownReason == null ? note : ownReason + "; " + note;
    }
}
