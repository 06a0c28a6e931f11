package io.trickle.engine.scheduler;

import io.trickle.engine.api.SchedulerListener;
import io.trickle.engine.api.SchedulerEvent;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler does after a tick's refreshes: clear or extend each table's retry backoff,
 * suspend a table whose consecutive errors reached {@code max_consecutive_errors}, log one line per
 * failure and per new reason a table is blocked, and collect the alerts. (The refresh itself logs
 * one line per completed refresh and records every failure in its own transaction.)
 */
final class OutcomeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeHandler.class);

    private final Database database;
    private final RetryBackoff backoff;
    private final Map<Long, String> lastBlockedReason = new HashMap<>();
    private final SchedulerListener listener;

    OutcomeHandler(Database database, RetryBackoff backoff, SchedulerListener listener) {
        this.database = database;
        this.backoff = backoff;
        this.listener = listener;
    }

    /**
     * @param stopping when the scheduler is stopping, failures caused by the stop itself are not
     *                 held against the tables (no backoff, no suspension)
     */
    void handle(CatalogView view, List<TableOutcome> outcomes, List<Alert> alerts, boolean stopping) {
        for (TableOutcome o : outcomes) {
            String name = view.name(o.id());
            if (o.result() != TableOutcome.Result.BLOCKED && o.result() != TableOutcome.Result.SKIPPED) {
                lastBlockedReason.remove(o.id());
            }
            switch (o.result()) {
                case REFRESHED -> {
                    backoff.clear(o.id());
                    RefreshResult r = o.refresh();
                    alerts.add(Alert.of("refresh_completed", name, "action", r.action().name(), "rows_inserted",
                            r.rowsInserted(), "rows_deleted", r.rowsDeleted(), "duration_ms", r.durationMs()));
                }
                case QUIET -> backoff.clear(o.id());
                case FAILED -> {
                    if (!stopping) {
                        failed(view, o, name, alerts);
                    }
                }
                case BLOCKED, SKIPPED -> {
                    if (!o.detail().equals(lastBlockedReason.put(o.id(), o.detail()))) {
                        LOG.info("{}: not refreshed: {}", name, o.detail());
                    }
                    listener.on(o.result() == TableOutcome.Result.SKIPPED ? new SchedulerEvent.WatermarkHeld(name, o.detail())
                            : new SchedulerEvent.TableSkipped(name, SchedulerEvent.SkipReason.BLOCKED, o.detail()));
                }
                case BUSY -> {
                    LOG.debug("{}: {}: {}", name, o.result(), o.detail());
                    listener.on(new SchedulerEvent.TableSkipped(name, SchedulerEvent.SkipReason.BUSY, o.detail()));
                }
                case GONE, STOPPED, NO_SESSION -> LOG.debug("{}: {}: {}", name, o.result(), o.detail());
                default -> throw new IllegalStateException("unhandled outcome " + o.result());
            }
        }
    }

    private void failed(CatalogView view, TableOutcome o, String name, List<Alert> alerts) {
        Duration delay = backoff.failed(o.id());
        int maxErrors = view.settings().get(Settings.MAX_CONSECUTIVE_ERRORS);
        int[] errors = {backoff.failures(o.id())};
        boolean suspended = false;
        try {
            suspended = database.transaction("suspending " + name, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT consecutive_errors FROM pgtrickle.pgt_stream_tables WHERE pgt_id = ?")) {
                    ps.setLong(1, o.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        errors[0] = rs.getInt(1);
                    }
                }
                if (errors[0] < maxErrors) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE pgtrickle.pgt_stream_tables SET status = 'SUSPENDED', updated_at = now()
                         WHERE pgt_id = ? AND status IN ('ACTIVE', 'INITIALIZING')""")) {
                    ps.setLong(1, o.id());
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                CatalogGeneration.bump(c, "auto-suspend " + name);
                return true;
            });
        } catch (RuntimeException e) {
            LOG.warn("{}: could not check whether to suspend it: {}", name, e.getMessage());
        }
        alerts.add(Alert.of("refresh_failed", name, "error", o.detail(), "consecutive_errors", errors[0]));
        listener.on(new SchedulerEvent.TableFailed(name, errors[0], o.detail()));
        if (suspended) {
            listener.on(new SchedulerEvent.TableSuspended(name, errors[0], o.detail()));
            backoff.clear(o.id());
            LOG.warn("{}: refresh failed ({} in a row), SUSPENDED after max_consecutive_errors {}; resume with "
                    + "'trickle alter {} --status ACTIVE': {}", name, errors[0], maxErrors, name, o.detail());
            alerts.add(Alert.of("auto_suspended", name, "consecutive_errors", errors[0], "error", o.detail()));
        } else {
            LOG.warn("{}: refresh failed ({} in a row), next try in {} ms: {}", name, errors[0], delay.toMillis(),
                    o.detail());
        }
    }
}
