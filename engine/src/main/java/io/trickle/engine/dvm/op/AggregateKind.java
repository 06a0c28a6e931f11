package io.trickle.engine.dvm.op;

/** The aggregate functions the engine treats specially; every other aggregate is {@link #OTHER}. */
public enum AggregateKind {
    COUNT_STAR, COUNT, SUM, AVG, MIN, MAX, OTHER
}
