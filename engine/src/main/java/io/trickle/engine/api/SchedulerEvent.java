package io.trickle.engine.api;

import java.time.Duration;
import java.util.List;

/** What a scheduler running in this process does, as its {@link SchedulerListener}s hear it. */
public sealed interface SchedulerEvent {

    /** This engine took the leader lock: from now on it schedules every stream table of {@code database}. */
    record LeadershipGained(String database) implements SchedulerEvent {
    }

    /**
     * This engine stopped leading: it lost its session, was stopped, or stopped itself ({@code reason}
     * says which); another engine takes over.
     */
    record LeadershipLost(String database, String reason) implements SchedulerEvent {
    }

    /**
     * A leader's tick ended.
     *
     * @param took        how long it ran (the JVM's clock: it paces, it dates nothing)
     * @param tablesDue   the tables and cycle members it planned
     * @param refreshed   how many of them refreshed (any action)
     */
    record TickCompleted(Duration took, int tablesDue, int refreshed) implements SchedulerEvent {
    }

    /** Why a due table was not refreshed in a tick (watermark gating has {@link WatermarkHeld}). */
    enum SkipReason {
        /** Another session is refreshing it. */
        BUSY,
        /** An upstream table or a member of its consistency set did not refresh in the same tick. */
        BLOCKED
    }

    /** A due table was not refreshed in this tick, for a reason that is not its own failure. */
    record TableSkipped(String streamTable, SkipReason reason, String detail) implements SchedulerEvent {
    }

    /** Watermark gating held a due table back (recorded as a SKIP in its history). */
    record WatermarkHeld(String streamTable, String detail) implements SchedulerEvent {
    }

    /** A scheduled refresh failed; {@code consecutiveErrors} counts this one. */
    record TableFailed(String streamTable, int consecutiveErrors, String error) implements SchedulerEvent {
    }

    /** Failures in a row reached {@code max_consecutive_errors}: the table is SUSPENDED until resumed. */
    record TableSuspended(String streamTable, int consecutiveErrors, String error) implements SchedulerEvent {
    }

    /** A cycle of stream tables reached its fixpoint in {@code iterations} rounds. */
    record CycleConverged(List<String> members, int iterations) implements SchedulerEvent {
        public CycleConverged {
            members = List.copyOf(members);
        }
    }

    /** A cycle ran out of rounds ({@code max_fixpoint_iterations}) without converging. */
    record CycleNotConverged(List<String> members, String message) implements SchedulerEvent {
        public CycleNotConverged {
            members = List.copyOf(members);
        }
    }
}
