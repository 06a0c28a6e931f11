package io.trickle.engine.scheduler;

import io.trickle.engine.api.SchedulerListener;
import io.trickle.engine.api.SchedulerEvent;
import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.cdc.PendingChanges;
import io.trickle.engine.db.Database;
import io.trickle.engine.graph.Cycle;
import io.trickle.engine.refresh.CycleRefresh;
import io.trickle.engine.refresh.RefreshExecutor;
import io.trickle.engine.scheduler.TableOutcome.Result;
import io.trickle.engine.scheduler.TickPlanner.Planned;
import io.trickle.engine.scheduler.TickPlanner.TickPlan;
import io.trickle.engine.scheduler.TickPlanner.Why;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * Refreshes the cycles of stream tables in a tick, each as one unit to a fixpoint
 * ({@link CycleRefresh}), on the scheduler's own thread and one cycle after the other. The tick runs
 * them before its levels, so the readers of a cycle see it fresh in the same tick, while a cycle
 * reads the stream tables upstream of it as the previous tick left them.
 *
 * <ol>
 *   <li>A cycle is due when any of its ACTIVE or INITIALIZING members is due by the rules of
 *       {@link TickPlanner} (a request, a first population, a pending reinitialisation, or its
 *       schedule).</li>
 *   <li>It runs only while every member is ACTIVE or INITIALIZING: refreshing some members without
 *       the others would leave the cycle half-way. A member SUSPENDED or in ERROR holds the others
 *       back (BLOCKED, saying which). It is held back while any member is in retry backoff, unless a
 *       member was asked for.</li>
 *   <li>Watermark gating holds the whole cycle back (SKIPPED) when a misaligned group concerns any
 *       member: a cycle refreshed without one of its members would not reach its fixpoint.</li>
 *   <li>One REPEATABLE READ probe: a member being refreshed by another session makes the whole
 *       cycle BUSY; when no member has anything to do, the cycle is QUIET ({@code last_refresh_at}
 *       moves, no history row, and its fixpoint bookkeeping stays as it was).</li>
 *   <li>Otherwise the rounds run; each member's outcome is what its refreshes added up to. A cycle
 *       that does not converge is FAILED on every member (they are in ERROR already).</li>
 * </ol>
 */
final class FixpointRunner {

    private final Database database;
    private final RefreshExecutor refresher;
    private final CycleRefresh cycles;
    private final String engineName;
    private final Dispatcher.Gate gate;
    private final SchedulerListener listener;
    private volatile List<Long> running = List.of();

    FixpointRunner(Database database, RefreshExecutor refresher) {
        this(database, refresher, Dispatcher.Gate.OPEN, SchedulerListener.NONE);
    }

    FixpointRunner(Database database, RefreshExecutor refresher, Dispatcher.Gate gate, SchedulerListener listener) {
        this.database = database;
        this.refresher = refresher;
        this.cycles = new CycleRefresh(refresher);
        this.engineName = refresher.engineName();
        this.gate = gate;
        this.listener = listener;
    }

    List<TableOutcome> run(CatalogView view, TickState state, Set<Long> requested, LongPredicate heldBack,
                           Duration tolerance, BooleanSupplier stopping) throws SQLException {
        List<TableOutcome> out = new ArrayList<>();
        for (Cycle cycle : view.graph().cycles()) {
            out.addAll(runIfDue(view, cycle, state, requested, heldBack, state.now().plus(tolerance), stopping));
        }
        return out;
    }

    private List<TableOutcome> runIfDue(CatalogView view, Cycle cycle, TickState state, Set<Long> requested,
                                        LongPredicate heldBack, Instant dueBy, BooleanSupplier stopping)
            throws SQLException {
        List<Long> ids = cycle.ids();
        List<Long> waiting = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        boolean due = false;
        boolean asked = false;
        for (long id : ids) {
            TickState.TableState s = state.tables().get(id);
            if (s == null) {
                return List.of();
            }
            if (!s.schedulable()) {
                holding.add(view.name(id) + " (" + s.status() + ")");
                continue;
            }
            waiting.add(id);
            asked |= requested.contains(id);
            due |= TickPlanner.ownReason(s, view.schedules().get(id), requested.contains(id), dueBy) != null;
        }
        if (!due) {
            return List.of();
        }
        if (!holding.isEmpty()) {
            return all(waiting, Result.BLOCKED, "its cycle (" + cycle.names() + ") waits for " + String.join(", ", holding)
                    + " to be resumed");
        }
        if (!asked && ids.stream().anyMatch(heldBack::test)) {
            return List.of();
        }
        if (stopping.getAsBoolean()) {
            return all(ids, Result.STOPPED, "the scheduler is stopping");
        }
        Map<Long, String> gated = gate.holdBack(view, state, new TickPlan(List.of(ids.stream()
                .map(id -> new Planned(id, requested.contains(id) ? Why.REQUESTED : Why.SCHEDULE)).toList())));
        if (!gated.isEmpty()) {
            String reason = gated.values().iterator().next();
            return ids.stream().map(id -> TableOutcome.of(id, Result.SKIPPED, gated.getOrDefault(id, reason))).toList();
        }
        Set<Long> busy = new HashSet<>();
        Instant[] probedAt = new Instant[1];
        boolean quiet = probe(ids, state, asked, busy, probedAt);
        if (!busy.isEmpty()) {
            return all(ids, Result.BUSY, "a member of its cycle is being refreshed by another session");
        }
        if (quiet) {
            LevelRun.markQuiet(database, new HashSet<>(ids), probedAt[0], engineName);
            return all(ids, Result.QUIET, null);
        }
        CycleRefresh.Outcome outcome = runCycle(ids, asked, stopping);
        List<String> names = ids.stream().map(view::name).toList();
        switch (outcome.status()) {
            case CONVERGED -> listener.on(new SchedulerEvent.CycleConverged(names, outcome.iterations()));
            case NOT_CONVERGED -> listener.on(new SchedulerEvent.CycleNotConverged(names, outcome.message()));
            default -> {
                // nothing to do, a failure (the member's refresh said so) or a stop: no fixpoint to report
            }
        }
        return outcomes(ids, outcome);
    }

    /** Finds busy members; returns whether no member has anything to do (never when asked for). */
    private boolean probe(List<Long> ids, TickState state, boolean asked, Set<Long> busy, Instant[] at)
            throws SQLException {
        return database.inSnapshot(c -> {
            at[0] = CatalogView.databaseNow(c);
            busy.addAll(LevelRun.lockedTables(c, ids));
            boolean mayBeQuiet = !asked && ids.stream().allMatch(id -> state.tables().get(id).mayBeQuiet());
            return busy.isEmpty() && mayBeQuiet && PendingChanges.needingRefresh(c, ids).isEmpty();
        });
    }

    private CycleRefresh.Outcome runCycle(List<Long> ids, boolean asked, BooleanSupplier stopping) {
        running = ids;
        try {
            return cycles.run(ids, asked ? InitiatedBy.MANUAL : InitiatedBy.SCHEDULER, false, stopping);
        } catch (RuntimeException e) {
            return new CycleRefresh.Outcome(CycleRefresh.Status.FAILED, 0, null, Map.of(), ids.get(0), e,
                    e.getMessage());
        } finally {
            running = List.of();
        }
    }

    /**
     * Cancels the refresh or recompute of the cycle running now, if any (a stop past its grace
     * period): its transaction rolls back, and the rounds committed before it stay.
     */
    void cancelRunning() {
        LevelRun.cancel(database, refresher, running);
    }

    private static List<TableOutcome> outcomes(List<Long> ids, CycleRefresh.Outcome o) {
        switch (o.status()) {
            case NOTHING_TO_DO, CONVERGED -> {
                List<TableOutcome> out = new ArrayList<>();
                for (long id : ids) {
                    out.add(new TableOutcome(id, Result.REFRESHED, o.results().get(id), null, true));
                }
                return out;
            }
            case NOT_CONVERGED -> {
                return all(ids, Result.FAILED, o.message());
            }
            case STOPPED -> {
                return all(ids, Result.STOPPED, o.message());
            }
            case FAILED -> {
                List<TableOutcome> out = new ArrayList<>();
                for (long id : ids) {
                    out.add(Long.valueOf(id).equals(o.failedMember()) ? LevelRun.failure(id, o.failure())
                            : TableOutcome.of(id, Result.BLOCKED, o.message()));
                }
                return out;
            }
            default -> throw new IllegalStateException("unhandled cycle outcome " + o.status());
        }
    }

    private static List<TableOutcome> all(List<Long> ids, Result result, String detail) {
        return ids.stream().map(id -> TableOutcome.of(id, result, detail)).toList();
    }
}
