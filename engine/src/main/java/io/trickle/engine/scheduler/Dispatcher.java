package io.trickle.engine.scheduler;

import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.scheduler.TableOutcome.Result;
import io.trickle.engine.scheduler.TickPlanner.Planned;
import io.trickle.engine.scheduler.TickPlanner.TickPlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Runs a tick's plan level by level ({@link LevelRun}), and holds a table back when running it would
 * mix versions: a table runs only if every upstream stream table that was planned in this tick is
 * fresh (refreshed in its level's shared snapshot, or quiet), and every member of its diamond
 * consistency set is fresh. Otherwise it is BLOCKED for this tick — it keeps its last consistent
 * contents and grows stale, which the {@code stale_data} alert reports — and, not being fresh,
 * blocks its own readers in turn.
 *
 * <p>Before any level runs, the {@link Gate} may hold planned tables back for a reason of their own
 * (watermark gating): those are SKIPPED, and, not being fresh, block their readers like any other.
 */
final class Dispatcher {

    /** Runs the tables of one level that may run ({@link LevelRun} against the database). */
    @FunctionalInterface
    interface LevelRunner {
        List<TableOutcome> run(List<Planned> runnable, TickState state, Set<Long> tied) throws SQLException;
    }

    /** Decides, once per tick and before anything runs, which planned tables may not run and why. */
    @FunctionalInterface
    interface Gate {
        Gate OPEN = (view, state, plan) -> Map.of();

        Map<Long, String> holdBack(CatalogView view, TickState state, TickPlan plan) throws SQLException;
    }

    private final LevelRunner levels;
    private final Gate gate;

    Dispatcher(LevelRunner levels) {
        this(levels, Gate.OPEN);
    }

    Dispatcher(LevelRunner levels, Gate gate) {
        this.levels = levels;
        this.gate = gate;
    }

    List<TableOutcome> run(CatalogView view, TickState state, TickPlan plan, BooleanSupplier stopping)
            throws SQLException {
        DependencyGraph graph = view.graph();
        Set<Long> planned = new HashSet<>();
        plan.levels().forEach(level -> level.forEach(p -> planned.add(p.id())));
        Set<Long> tied = new HashSet<>();
        planned.forEach(id -> tied.addAll(graph.consistencySet(id)));
        Set<Long> fresh = new HashSet<>();
        List<TableOutcome> out = new ArrayList<>();
        Map<Long, String> heldBack = gate.holdBack(view, state, plan);
        for (List<Planned> level : plan.levels()) {
            List<Planned> runnable = new ArrayList<>();
            for (Planned p : level) {
                if (stopping.getAsBoolean()) {
                    out.add(TableOutcome.of(p.id(), Result.STOPPED, "the scheduler is stopping"));
                    continue;
                }
                if (heldBack.containsKey(p.id())) {
                    out.add(TableOutcome.of(p.id(), Result.SKIPPED, heldBack.get(p.id())));
                    continue;
                }
                Set<Long> blockers = new TreeSet<>();
                for (long up : graph.upstreamTables(p.id())) {
                    if (planned.contains(up) && !fresh.contains(up)) {
                        blockers.add(up);
                    }
                }
                for (long member : graph.consistencySet(p.id())) {
                    if (!fresh.contains(member)) {
                        blockers.add(member);
                    }
                }
                if (blockers.isEmpty()) {
                    runnable.add(p);
                } else {
                    out.add(TableOutcome.of(p.id(), Result.BLOCKED, "waits for " + String.join(", ",
                            blockers.stream().map(view::name).toList()) + " to refresh in the same tick"));
                }
            }
            for (TableOutcome o : levels.run(runnable, state, tied)) {
                out.add(o);
                if (o.fresh()) {
                    fresh.add(o.id());
                }
            }
        }
        return out;
    }
}
