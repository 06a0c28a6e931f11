package io.trickle.engine.refresh;

/**
 * What started a refresh and how it should run.
 *
 * @param initiatedBy       SCHEDULER, MANUAL or INITIAL
 * @param forceFull         recompute in full even when DIFFERENTIAL would do (refresh --full)
 * @param fixpointIteration the iteration of a cycle's fixpoint this refresh belongs to, or null
 */
public record RefreshRequest(String initiatedBy, boolean forceFull, Integer fixpointIteration) {

    public static RefreshRequest manual(boolean full) {
        return new RefreshRequest("MANUAL", full, null);
    }

    public static RefreshRequest scheduled() {
        return new RefreshRequest("SCHEDULER", false, null);
    }
}
