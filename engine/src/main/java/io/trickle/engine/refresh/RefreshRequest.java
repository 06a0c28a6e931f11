package io.trickle.engine.refresh;

import io.trickle.engine.api.InitiatedBy;

/**
 * What started a refresh and how it should run.
 *
 * @param initiatedBy       who asked for it
 * @param forceFull         recompute in full even when DIFFERENTIAL would do (refresh --full)
 * @param fixpointIteration the iteration of a cycle's fixpoint this refresh belongs to, or null
 * @param sharedSnapshot    a snapshot exported by the scheduler ({@code pg_export_snapshot()}) that the
 *                          refresh transaction imports, so that every refresh of one dependency level
 *                          reads its sources at the same point; null for a snapshot of its own
 * @param note              a remark the caller adds to the refresh's reason (history row and result),
 *                          e.g. that a manual refresh overrode watermark gating; null for none
 * @param precondition      checked inside the refresh transaction before anything changes; when it
 *                          holds the refresh back, the refresh records a SKIP instead; null for none
 * @param respectWatermarks hold the refresh back (a SKIP) while a watermark group beneath the table is
 *                          misaligned in the refresh's own snapshot, as the scheduler does
 * @param noteWatermarks    refresh anyway, but say in the reason which misaligned groups it overrode
 */
public record RefreshRequest(InitiatedBy initiatedBy, boolean forceFull, Integer fixpointIteration, String sharedSnapshot,
                             String note, RefreshPrecondition precondition, boolean respectWatermarks,
                             boolean noteWatermarks) {

    public RefreshRequest(InitiatedBy initiatedBy, boolean forceFull, Integer fixpointIteration) {
        this(initiatedBy, forceFull, fixpointIteration, null, null, null, false, false);
    }

    public RefreshRequest(InitiatedBy initiatedBy, boolean forceFull, Integer fixpointIteration, String sharedSnapshot) {
        this(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, null, null, false, false);
    }

    public static RefreshRequest manual(boolean full) {
        return new RefreshRequest(InitiatedBy.MANUAL, full, null);
    }

    public static RefreshRequest scheduled() {
        return new RefreshRequest(InitiatedBy.SCHEDULER, false, null);
    }

    public RefreshRequest withSharedSnapshot(String snapshotId) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, snapshotId, note, precondition,
                respectWatermarks, noteWatermarks);
    }

    public RefreshRequest withNote(String remark) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, remark, precondition,
                respectWatermarks, noteWatermarks);
    }

    public RefreshRequest withPrecondition(RefreshPrecondition check) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, note, check,
                respectWatermarks, noteWatermarks);
    }

    /** The same request, held back (SKIP) while a watermark group beneath the table is misaligned. */
    public RefreshRequest respectingWatermarks() {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, note, precondition, true,
                false);
    }

    /** The same request, run even while a watermark group is misaligned, saying in its reason which. */
    public RefreshRequest notingWatermarks() {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, sharedSnapshot, note, precondition, false,
                true);
    }

    /** The reason a refresh records: its own (why FULL, say), followed by the caller's note. */
    String reasonWith(String ownReason) {
        if (note == null) {
            return ownReason;
        }
        return ownReason == null ? note : ownReason + "; " + note;
    }
}
