package io.trickle.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears an engine's events: its refreshes and its scheduler's. Handed to {@link Trickle#open}
 * with {@link EngineOptions#withListeners}, and from there to the refresh executor and the scheduler
 * daemon through their constructors (HikariCP's metrics tracker factory works the same way), so that
 * metrics, the workbench and tests subscribe without wiring of their own.
 *
 * <p>Each listener is called in turn; one that throws is logged and skipped, never allowed to fail a
 * refresh or stop the scheduler.
 */
public final class EngineListeners {

    private static final Logger LOG = LoggerFactory.getLogger(EngineListeners.class);
    private static final EngineListeners NONE = new EngineListeners(List.of(), List.of());

    private final List<RefreshListener> refresh;
    private final List<SchedulerListener> scheduler;

    private EngineListeners(List<RefreshListener> refresh, List<SchedulerListener> scheduler) {
        this.refresh = List.copyOf(refresh);
        this.scheduler = List.copyOf(scheduler);
    }

    public static EngineListeners none() {
        return NONE;
    }

    /** These listeners, and {@code listener} hearing every refresh as well. */
    public EngineListeners onRefresh(RefreshListener listener) {
        List<RefreshListener> more = new ArrayList<>(refresh);
        more.add(Objects.requireNonNull(listener, "listener"));
        return new EngineListeners(more, scheduler);
    }

    /** These listeners, and {@code listener} hearing the scheduler as well. */
    public EngineListeners onScheduler(SchedulerListener listener) {
        List<SchedulerListener> more = new ArrayList<>(scheduler);
        more.add(Objects.requireNonNull(listener, "listener"));
        return new EngineListeners(refresh, more);
    }

    /** Every refresh listener as one. */
    public RefreshListener refresh() {
        if (refresh.isEmpty()) {
            return RefreshListener.NONE;
        }
        return event -> {
            for (RefreshListener l : refresh) {
                try {
                    l.on(event);
                } catch (RuntimeException e) {
                    LOG.warn("a refresh listener failed on {}: {}", event, e.toString());
                }
            }
        };
    }

    /** Every scheduler listener as one. */
    public SchedulerListener scheduler() {
        if (scheduler.isEmpty()) {
            return SchedulerListener.NONE;
        }
        return event -> {
            for (SchedulerListener l : scheduler) {
                try {
                    l.on(event);
                } catch (RuntimeException e) {
                    LOG.warn("a scheduler listener failed on {}: {}", event, e.toString());
                }
            }
        };
    }
}
