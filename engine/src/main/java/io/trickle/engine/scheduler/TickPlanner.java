package io.trickle.engine.scheduler;

import io.trickle.engine.api.Schedule;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.EffectiveSchedule;
import io.trickle.engine.graph.GraphTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Decides which stream tables a tick refreshes, level by level. Pure: it reads the catalog view,
 * the tick's state (database clock included) and the pending requests, and touches nothing.
 *
 * <ol>
 *   <li>A schedulable table (ACTIVE or INITIALIZING) is <em>due</em> when it was asked for with
 *       {@code request_refresh}, was never populated, awaits reinitialisation, or its effective
 *       schedule says so ({@link EffectiveSchedule#isDue}) at the tick's time plus a tolerance of half
 *       a tick interval. Due times are thus rounded to the nearest tick: without that, a table
 *       refreshed a few milliseconds into one tick would not be due at the start of the tick a period
 *       later, and a 1 s table on 1 s ticks would slip to every other tick.</li>
 *   <li>Then, from the deepest level up, a due table pulls in its {@code calculated} upstreams (they
 *       exist to serve it) and the members of its diamond consistency set (so that it never combines
 *       two versions of a shared ancestor). Pulled tables pull in turn.</li>
 *   <li>A table held back by retry backoff is left out, unless it was requested explicitly.</li>
 * </ol>
 * Tables in cycles are left out: {@link FixpointRunner} refreshes each cycle as a unit. An IMMEDIATE
 * table is maintained by its writers: it has no schedule, is never pulled in, and is refreshed only
 * when asked for, never populated, or awaiting reinitialisation.
 */
final class TickPlanner {

    /** Why a table is in the plan. */
    enum Why { REQUESTED, FIRST_POPULATION, REINITIALIZE, SCHEDULE, FOR_READER, FOR_CONSISTENCY }

    /** One table to refresh in this tick. */
    record Planned(long id, Why why) {
    }

    /** The tables of one tick, level by level; every level runs after the one before it. */
    record TickPlan(List<List<Planned>> levels) {

        boolean isEmpty() {
            return levels.stream().allMatch(List::isEmpty);
        }

        int size() {
            return levels.stream().mapToInt(List::size).sum();
        }
    }

    private TickPlanner() {
    }

    static TickPlan plan(CatalogView view, TickState state, Set<Long> requested, LongPredicate heldBack,
                         Duration tolerance) {
        Instant dueBy = state.now().plus(tolerance);
        DependencyGraph graph = view.graph();
        Map<Long, Why> due = new LinkedHashMap<>();
        for (GraphTable t : graph.tables()) {
            TickState.TableState s = state.tables().get(t.id());
            if (s == null || !s.schedulable() || graph.cyclicTables().contains(t.id())
                    || view.unusable().containsKey(t.id())) {
                continue;
            }
            Why why = ownReason(s, view.schedules().get(t.id()), requested.contains(t.id()), dueBy);
            if (why != null) {
                due.put(t.id(), why);
            }
        }
        List<List<GraphTable>> bottomUp = new ArrayList<>(graph.levels());
        java.util.Collections.reverse(bottomUp);
        for (List<GraphTable> level : bottomUp) {
            for (GraphTable t : level) {
                if (!due.containsKey(t.id())) {
                    continue;
                }
                for (long up : graph.upstreamTables(t.id())) {
                    boolean calculated = graph.table(up).map(u -> u.schedule().kind() == Schedule.Kind.CALCULATED
                            && !u.immediate()).orElse(false);
                    if (calculated && schedulable(view, state, up)) {
                        due.putIfAbsent(up, Why.FOR_READER);
                    }
                }
                for (long member : graph.consistencySet(t.id())) {
                    if (schedulable(view, state, member) && !graph.table(member).map(GraphTable::immediate).orElse(false)) {
                        due.putIfAbsent(member, Why.FOR_CONSISTENCY);
                    }
                }
            }
        }
        List<List<Planned>> levels = new ArrayList<>();
        for (List<GraphTable> level : graph.levels()) {
            List<Planned> planned = new ArrayList<>();
            for (GraphTable t : level) {
                Why why = due.get(t.id());
                if (why != null && (why == Why.REQUESTED || !heldBack.test(t.id()))) {
                    planned.add(new Planned(t.id(), why));
                }
            }
            levels.add(List.copyOf(planned));
        }
        return new TickPlan(List.copyOf(levels));
    }

    static Why ownReason(TickState.TableState s, EffectiveSchedule schedule, boolean requested, Instant dueBy) {
        if (requested) {
            return Why.REQUESTED;
        }
        if (!s.populated()) {
            return Why.FIRST_POPULATION;
        }
        if (s.needsReinit()) {
            return Why.REINITIALIZE;
        }
        if (schedule != null && schedule.isDue(s.lastRefreshAt(), dueBy)) {
            return Why.SCHEDULE;
        }
        return null;
    }

    private static boolean schedulable(CatalogView view, TickState state, long id) {
        TickState.TableState s = state.tables().get(id);
        return s != null && s.schedulable() && !view.unusable().containsKey(id);
    }
}
