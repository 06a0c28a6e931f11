package io.trickle.engine.scheduler;

import io.trickle.engine.graph.EffectiveSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts that come from watching the catalog between ticks rather than from a refresh:
 * {@code resumed} when a table goes from SUSPENDED back to ACTIVE (whoever resumed it), and
 * {@code stale_data} once per episode when a scheduled table's staleness passes twice its schedule
 * ({@link EffectiveSchedule#staleAfter}). What it remembers is lost with leadership, so a new leader
 * may repeat a {@code stale_data} alert for an episode still under way.
 */
final class StatusWatch {

    private final Map<Long, String> previousStatus = new HashMap<>();
    private final Set<Long> stale = new HashSet<>();

    void reset() {
        previousStatus.clear();
        stale.clear();
    }

    List<Alert> observe(CatalogView view, TickState state) {
        List<Alert> out = new ArrayList<>();
        for (TickState.TableState s : state.tables().values()) {
            String before = previousStatus.put(s.id(), s.status());
            String name = view.name(s.id());
            if ("SUSPENDED".equals(before) && s.status().equals("ACTIVE")) {
                out.add(Alert.of("resumed", name, "previous_status", before));
            }
            EffectiveSchedule schedule = view.schedules().get(s.id());
            Instant staleAfter = schedule == null ? null : schedule.staleAfter(s.lastRefreshAt());
            boolean isStale = s.schedulable() && staleAfter != null && state.now().isAfter(staleAfter);
            if (isStale && stale.add(s.id())) {
                Duration staleness = Duration.between(s.lastRefreshAt(), state.now());
                out.add(Alert.of("stale_data", name, "staleness_seconds", staleness.toMillis() / 1000.0,
                        "schedule", schedule.display(), "last_refresh_at", s.lastRefreshAt().toString()));
            } else if (!isStale) {
                stale.remove(s.id());
            }
        }
        previousStatus.keySet().retainAll(state.tables().keySet());
        stale.retainAll(state.tables().keySet());
        return out;
    }
}
