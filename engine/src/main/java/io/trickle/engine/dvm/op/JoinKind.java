package io.trickle.engine.dvm.op;

/** Inner and outer joins; a cross join is an inner join without conditions. */
public enum JoinKind {
    INNER, LEFT, RIGHT, FULL;

    /** Whether unmatched rows of the left input are kept (padded with NULLs). */
    public boolean keepsLeft() {
        return this == LEFT || this == FULL;
    }

    /** Whether unmatched rows of the right input are kept (padded with NULLs). */
    public boolean keepsRight() {
        return this == RIGHT || this == FULL;
    }
}
