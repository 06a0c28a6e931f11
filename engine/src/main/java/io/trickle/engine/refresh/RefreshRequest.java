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
 */
public record RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration, String sharedSnapshot) {

    public RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration) {
        this(initiatedBy, forceFull, fixpointIteration, null);
    }

    public static RefreshRequest manual(boolean full) {
        return new RefreshRequest("MANUAL", full, null);
    }

    public static RefreshRequest scheduled() {
        return new RefreshRequest("SCHEDULER", false, null);
    }

    public RefreshRequest withSharedSnapshot(String snapshotId) {
        return new RefreshRequest(initiatedBy, forceFull, fixpointIteration, snapshotId);
    }
}
