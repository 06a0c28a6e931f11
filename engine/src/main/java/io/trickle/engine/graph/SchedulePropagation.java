package io.trickle.engine.graph;

import io.trickle.engine.api.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the effective schedule of every stream table. A duration or cron schedule is its own.
 * A {@code calculated} table takes the tightest effective schedule among the stream tables that read
 * it — readers first, so chains of calculated tables resolve from the bottom up — and
 * {@code default_schedule_seconds} when nobody reads it (or it sits in a cycle). An IMMEDIATE table
 * is maintained by its writers: it has no effective schedule and gives none to what it reads.
 *
 * <p>"Tightest" compares how often schedules fire ({@link EffectiveSchedule#typicalGap}); on a tie a
 * period wins over a cron expression, so the result does not depend on the order of readers. A
 * calculated table whose tightest reader is a cron table follows that cron expression: it is due
 * at the same fire times, and being a level earlier it refreshes just before its reader. Besides
 * this, the scheduler refreshes a calculated table in any tick in which one of its readers is due,
 * which keeps it in step with readers whose schedules are looser than the tightest.
 */
public final class SchedulePropagation {

    private SchedulePropagation() {
    }

    /**
     * @param defaultPeriod effective schedule of a calculated table nobody reads
     * @param reference     instant from which cron gaps are measured (the database's now)
     */
    public static Map<Long, EffectiveSchedule> effectiveSchedules(DependencyGraph graph, Duration defaultPeriod,
                                                                  Instant reference) {
        Map<Long, EffectiveSchedule> out = new HashMap<>();
        EffectiveSchedule fallback = EffectiveSchedule.every(defaultPeriod).asCalculated();
        List<List<GraphTable>> bottomUp = new ArrayList<>(graph.levels());
        Collections.reverse(bottomUp);
        for (List<GraphTable> level : bottomUp) {
            for (GraphTable t : level) {
                // An IMMEDIATE table has no schedule, and sets none for what it reads.
                if (!t.immediate()) {
                    out.put(t.id(), resolve(graph, t, out, fallback, reference));
                }
            }
        }
        for (long id : graph.cyclicTables()) {
            GraphTable t = graph.table(id).orElseThrow();
            out.put(id, t.schedule().kind() == Schedule.Kind.CALCULATED ? fallback : EffectiveSchedule.own(t.schedule()));
        }
        return out;
    }

    private static EffectiveSchedule resolve(DependencyGraph graph, GraphTable t, Map<Long, EffectiveSchedule> known,
                                             EffectiveSchedule fallback, Instant reference) {
        if (t.schedule().kind() != Schedule.Kind.CALCULATED) {
            return EffectiveSchedule.own(t.schedule());
        }
        EffectiveSchedule tightest = null;
        Duration tightestGap = null;
        for (long reader : graph.readers(t.id())) {
            EffectiveSchedule candidate = known.get(reader);
            if (candidate == null) {
                continue;
            }
            Duration gap = candidate.typicalGap(reference);
            int cmp = tightestGap == null ? -1 : gap.compareTo(tightestGap);
            boolean tieWonByPeriod = cmp == 0 && candidate.period().isPresent() && tightest.period().isEmpty();
            boolean tieByText = cmp == 0 && candidate.period().isPresent() == tightest.period().isPresent()
                    && candidate.display().compareTo(tightest.display()) < 0;
            if (cmp < 0 || tieWonByPeriod || tieByText) {
                tightest = candidate;
                tightestGap = gap;
            }
        }
        return tightest == null ? fallback : tightest.asCalculated();
    }
}
