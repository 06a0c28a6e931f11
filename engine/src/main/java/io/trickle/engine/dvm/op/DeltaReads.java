package io.trickle.engine.dvm.op;

/**
 * What an operator's delta rule reads besides the deltas of its inputs (ref-dvm.md §5). Each operator
 * declares it; the planner relies on it, and the golden tests check each declaration against what
 * the rule's SQL actually reads.
 */
public enum DeltaReads {
    /** Nothing else: the operator is linear, Δop(R) = op(ΔR), applied row by row to the deltas. */
    INPUT_DELTAS,
    /** Its inputs as they are after the window: the delta is joined with them, or counted against them. */
    NEW_STATE,
    /**
     * Its inputs as they were before the window as well: the part of the output a change can touch is
     * recomputed over both states and the two are compared. A keyless source read this way is
     * rebuilt as {@code now EXCEPT ALL added UNION ALL removed}, which needs equality on its columns.
     */
    OLD_STATE;

    /** Whether the operator is linear: its delta is computed from its inputs' deltas alone. */
    public boolean linear() {
        return this == INPUT_DELTAS;
    }
}
