package io.trickle.engine.scheduler;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.db.Database;
import io.trickle.engine.scheduler.TickPlanner.TickPlan;
import io.trickle.engine.scheduler.TickPlanner.Why;
import io.trickle.engine.watermark.SkipHistory;
import io.trickle.engine.watermark.WatermarkGate;
import io.trickle.engine.watermark.WatermarkGate.HeldBack;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Watermark gating in the scheduler: before a tick's plan runs, every planned table that a
 * misaligned watermark group concerns is held back ({@link WatermarkGate}), and its skip is
 * recorded once per due period ({@link SkipHistory}). A table asked for with {@code request_refresh}
 * is held back too (the scheduler always respects watermarks), and each such request gets its row.
 * The gate is asked on every tick, and a watermark notification starts a tick, so a held-back table
 * refreshes as soon as its groups align.
 */
final class WatermarkGating implements Dispatcher.Gate {

    private final Database database;
    private final WatermarkGate gate = new WatermarkGate();
    private final SkipHistory skips;
    private final Supplier<Duration> dueTolerance;

    /**
     * @param dueTolerance how early a table counts as due, as the planner rounds due times to ticks
     */
    WatermarkGating(Database database, String engineName, Supplier<Duration> dueTolerance) {
        this.database = database;
        this.skips = new SkipHistory(engineName);
        this.dueTolerance = dueTolerance;
    }

    @Override
    public Map<Long, String> holdBack(CatalogView view, TickState state, TickPlan plan) throws SQLException {
        Map<Long, Why> planned = new HashMap<>();
        plan.levels().forEach(level -> level.forEach(p -> planned.put(p.id(), p.why())));
        if (planned.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> out = new HashMap<>();
        try (Connection c = database.dataSource().getConnection()) {
            Map<Long, HeldBack> held = gate.heldBack(c, planned.keySet());
            if (held.isEmpty()) {
                return Map.of();
            }
            Map<Long, Instant> lastSkips = skips.lastSkips(c, held.keySet());
            Instant dueBy = state.now().plus(dueTolerance.get());
            for (HeldBack h : held.values()) {
                boolean requested = planned.get(h.pgtId()) == Why.REQUESTED;
                if (requested) {
                    skips.record(c, h, InitiatedBy.MANUAL);
                } else if (SkipHistory.startsNewPeriod(lastSkips.get(h.pgtId()), view.schedules().get(h.pgtId()), dueBy)) {
                    skips.record(c, h, InitiatedBy.SCHEDULER);
                }
                out.put(h.pgtId(), h.reason());
            }
        }
        return out;
    }
}
