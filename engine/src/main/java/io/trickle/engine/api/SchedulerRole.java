package io.trickle.engine.api;

/** What a running scheduler is doing (DESIGN §2: one scheduling engine per database). */
public enum SchedulerRole {
    /** Connecting for the first time. */
    STARTING,
    /** Holds the leader lock and schedules every stream table of the database. */
    LEADER,
    /** Another engine leads; this one waits to take over and refreshes only what it is asked to. */
    FOLLOWER,
    /** Lost its session; reconnecting with backoff. */
    RECONNECTING,
    /** Stopped; the leader lock, if it held it, is released. */
    STOPPED
}
