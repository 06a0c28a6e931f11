package io.trickle.engine.scheduler;

import io.trickle.engine.graph.EffectiveSchedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduling side of {@code trickle list}: each table's effective schedule and when it is next
 * due, worked out by the rules the scheduler itself uses, against the database clock.
 *
 * @param effectiveSchedule the schedule it is refreshed on ({@code 30s}, a cron expression)
 * @param calculated        whether that schedule was derived from the tables that read it
 * @param nextDueAt         when the scheduler will next refresh it; the database's now when it is due
 *                          already; null when it is not scheduled (SUSPENDED, ERROR, or in a cycle)
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
            Instant next = null;
            if (s.schedulable() && !view.graph().cyclicTables().contains(s.id())) {
                Instant due = s.populated() && !s.needsReinit() ? schedule.nextDue(s.lastRefreshAt()) : null;
                next = due == null || due.isBefore(state.now()) ? state.now() : due;
            }
            out.put(s.id(), new ScheduleStatus(schedule.display(), schedule.isCalculated(), next));
        }
        return out;
    }
}
