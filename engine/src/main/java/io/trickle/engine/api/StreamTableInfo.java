package io.trickle.engine.api;

import java.time.Instant;

/**
 * One stream table as {@code list} shows it.
 *
 * @param name              qualified name, quoted where PostgreSQL needs quotes
 * @param status            INITIALIZING, ACTIVE, SUSPENDED or ERROR
 * @param refreshMode       the mode asked for
 * @param effectiveMode     what the engine runs
 * @param schedule          as given ({@code calculated} when none was)
 * @param lastRefreshAt     last successful refresh of any action, from the database clock
 * @param stalenessSeconds  seconds since then, or {@code null} when never refreshed
 * @param consecutiveErrors failed refreshes in a row
 * @param lastError         the last failure's message, if the table is failing
 * @param effectiveSchedule the schedule the scheduler applies: the table's own, or for {@code calculated}
 *                          the tightest among its readers' (then followed by {@code (calculated)})
 * @param nextDueAt         when the scheduler refreshes it next (the database's now if due already);
 *                          null when it is not scheduled (SUSPENDED or ERROR)
 * @param sccId             the strongly connected component (cycle) the table belongs to, or null
 * @param lastFixpointIterations iterations of its component's last fixpoint run, or null
 * @param lockHeldBy        when a session of a role that is not an engine role holds the table's refresh
 *                          lock (and so delays its refreshes): who, and how to end it; otherwise null
 */
public record StreamTableInfo(String name, String status, RefreshMode refreshMode, EffectiveMode effectiveMode, String schedule,
                              Instant lastRefreshAt, Double stalenessSeconds, int consecutiveErrors, String lastError,
                              String effectiveSchedule, Instant nextDueAt, Integer sccId,
                              Integer lastFixpointIterations, String lockHeldBy) {

    /** A table whose refresh lock nobody squats. */
    public StreamTableInfo(String name, String status, RefreshMode refreshMode, EffectiveMode effectiveMode, String schedule,
                           Instant lastRefreshAt, Double stalenessSeconds, int consecutiveErrors, String lastError,
                           String effectiveSchedule, Instant nextDueAt, Integer sccId, Integer lastFixpointIterations) {
        this(name, status, refreshMode, effectiveMode, schedule, lastRefreshAt, stalenessSeconds, consecutiveErrors,
                lastError, effectiveSchedule, nextDueAt, sccId, lastFixpointIterations, null);
    }
}
