package io.trickle.engine.scheduler;

import io.trickle.engine.db.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the stream tables whose stored row cannot be scheduled (a schedule or mode that no engine
 * wrote, see {@link io.trickle.engine.catalog.StreamTableRow#unusable()}) in ERROR, with the message
 * that says what to repair. The planner leaves them out already; recording the state makes it visible
 * in {@code list}, and a person resumes the table once the row is repaired.
 */
final class UnusableRows {

    private static final Logger LOG = LoggerFactory.getLogger(UnusableRows.class);

    private UnusableRows() {
    }

    /** Marks the scheduled ones among {@code view}'s unusable tables; returns an alert for each. */
    static List<Alert> markErrors(Database database, CatalogView view, TickState state) {
        List<Alert> alerts = new ArrayList<>();
        for (Map.Entry<Long, String> e : view.unusable().entrySet()) {
            TickState.TableState s = state.tables().get(e.getKey());
            if (s == null || !s.schedulable()) {
                continue;
            }
            String name = view.name(e.getKey());
            try {
                boolean marked = database.transaction("recording that " + name + " cannot be scheduled", c -> {
                    try (PreparedStatement ps = c.prepareStatement("""
                            UPDATE pgtrickle.pgt_stream_tables SET status = 'ERROR', last_error = ?, updated_at = now()
                             WHERE pgt_id = ? AND status IN ('ACTIVE', 'INITIALIZING')""")) {
                        ps.setString(1, e.getValue());
                        ps.setLong(2, e.getKey());
                        return ps.executeUpdate() > 0;
                    }
                });
                if (marked) {
                    LOG.warn("{}: not scheduled, now in ERROR: {}", name, e.getValue());
                    alerts.add(Alert.of("refresh_failed", name, "error", e.getValue(), "status", "ERROR"));
                }
            } catch (RuntimeException failure) {
                LOG.warn("{}: could not record that it cannot be scheduled: {}", name, failure.getMessage());
            }
        }
        return alerts;
    }
}
