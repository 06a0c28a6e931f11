package io.trickle.engine.scheduler;

import io.trickle.engine.graph.Cycle;
import io.trickle.engine.graph.EffectiveSchedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduling side of {@code trickle list}: each table's effective schedule and when it is next
 * due, worked out by the rules the scheduler itself uses, against the database clock.
 *
 * @param effectiveSchedule the schedule it is refreshed on ({@code 30s}, a cron expression)
 * @param calculated        whether that schedule was derived from the tables that read it
 * @param nextDueAt         when the scheduler will next refresh it; the database's now when it is due
 *                          already; null when it is not scheduled (SUSPENDED, ERROR, or in a cycle one
 *                          of whose members is)
 */
public record ScheduleStatus(String effectiveSchedule, boolean calculated, Instant nextDueAt) {

    /** By stream table id, read in the caller's transaction. */
    public static Map<Long, ScheduleStatus> read(Connection c) throws SQLException {
        CatalogView view = CatalogView.read(c);
        TickState state = TickState.read(c);
        Map<Long, ScheduleStatus> out = new HashMap<>();
        for (TickState.TableState s : state.tables().values()) {
            EffectiveSchedule schedule = view.schedules().get(s.id());
            if (schedule == null) {
                continue;
            }
            if (view.unusable().containsKey(s.id())) {
                out.put(s.id(), new ScheduleStatus("none (the stored row is not usable)", false, null));
                continue;
            }
            Instant next = null;
            if (s.schedulable()) {
                Optional<Cycle> cycle = view.graph().cycleOf(s.id());
                next = cycle.isEmpty() ? dueAt(s, schedule, state.now()) : cycleDueAt(cycle.get(), view, state);
            }
            out.put(s.id(), new ScheduleStatus(schedule.display(), schedule.isCalculated(), next));
        }
        return out;
    }

    private static Instant dueAt(TickState.TableState s, EffectiveSchedule schedule, Instant now) {
        Instant due = s.populated() && !s.needsReinit() ? schedule.nextDue(s.lastRefreshAt()) : null;
        if (Instant.MAX.equals(due)) {
            return null;
        }
        return due == null || due.isBefore(now) ? now : due;
    }

    /** A cycle runs when its first member is due, and only while every member is schedulable ({@link FixpointRunner}). */
    private static Instant cycleDueAt(Cycle cycle, CatalogView view, TickState state) {
        Instant first = null;
        for (long id : cycle.ids()) {
            TickState.TableState member = state.tables().get(id);
            EffectiveSchedule schedule = view.schedules().get(id);
            if (member == null || schedule == null || !member.schedulable()) {
                return null;
            }
            Instant due = dueAt(member, schedule, state.now());
            first = due == null ? first : first == null || due.isBefore(first) ? due : first;
        }
        return first;
    }
}
