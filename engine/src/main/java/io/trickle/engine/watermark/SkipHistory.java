package io.trickle.engine.watermark;

import io.trickle.engine.api.InitiatedBy;
import io.trickle.engine.catalog.RefreshHistoryRepository;
import io.trickle.engine.graph.EffectiveSchedule;
import io.trickle.engine.watermark.WatermarkGate.HeldBack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * History rows for refreshes that watermark gating held back: action SKIP, status SKIPPED, and the
 * reason ({@code watermark_misaligned: ...}).
 *
 * <p><b>Once per due period.</b> The scheduler looks at a held-back table on every tick, so that it
 * refreshes at the first tick after its group aligns, but a row per tick would bury the history. A
 * row is written when the table's newest history row is not a SKIP (it was refreshed, or tried,
 * since it was last held back), and after that each time its schedule comes round again, counted
 * from the last SKIP row the way the planner counts from the last refresh. An hourly table on
 * 100 ms ticks thus gets one row an hour while it waits, and the history shows when it was due and
 * why it did not refresh. Explicit requests ({@code request_refresh}, {@code refresh
 * --respect-watermarks}) are periods of their own and always get their row.
 */
public final class SkipHistory {

    private final RefreshHistoryRepository history = new RefreshHistoryRepository();
    private final String engine;

    /** @param engine written to each row's {@code engine} column */
    public SkipHistory(String engine) {
        this.engine = engine;
    }

    /**
     * For each of {@code pgtIds} whose newest history row is a SKIP, that row's start; tables whose
     * newest row is anything else (or who have none) are absent.
     */
    public Map<Long, Instant> lastSkips(Connection c, Collection<Long> pgtIds) throws SQLException {
        Map<Long, Instant> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.pgt_id, newest.start_time
                  FROM unnest(?::bigint[]) AS t(pgt_id)
                  JOIN LATERAL (SELECT h.action, h.start_time FROM pgtrickle.pgt_refresh_history h
                                 WHERE h.pgt_id = t.pgt_id ORDER BY h.refresh_id DESC LIMIT 1) newest ON true
                 WHERE newest.action = 'SKIP'""")) {
            ps.setArray(1, c.createArrayOf("bigint", pgtIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    /**
     * Whether a held-back table, due by {@code dueBy}, starts a new period: it has no SKIP row since
     * it was last refreshed ({@code lastSkip} null), or its schedule is due again counting from that
     * row. A table without a schedule of its own in the scheduler's view is recorded once.
     */
    public static boolean startsNewPeriod(Instant lastSkip, EffectiveSchedule schedule, Instant dueBy) {
        if (lastSkip == null) {
            return true;
        }
        return schedule != null && schedule.isDue(lastSkip, dueBy);
    }

    /** Writes the SKIP row of {@code held}. */
    public void record(Connection c, HeldBack held, InitiatedBy initiatedBy) throws SQLException {
        history.skipped(c, held.pgtId(), held.schema(), held.name(), initiatedBy, held.reason(), engine);
    }
}
