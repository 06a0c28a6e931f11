package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.EventFeed;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.engine.api.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one source of change events: the engine's NOTIFY channels of the connected database (catalog,
 * alerts, watermarks, refresh requests), listened to on a session of their own. Every event makes the
 * {@link CatalogModel} read the catalog again — a burst of events one read — and every view draws
 * from that one read, so the navigator, the graph, the properties, the watermark cards, the history
 * and the status bar change together.
 *
 * <p>Reading on a timer is the fallback: while the listening session is down, {@link #poll()} reads
 * every time it is called; while events arrive it reads only when nothing came for
 * {@link #QUIET_PERIOD}, which is what keeps time-based states (a table going stale) current.
 */
public final class CatalogEvents {

    /** How long the catalog may go unread while events arrive. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(60);

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final Supplier<Instant> clock;
    private final ReadOnlyBooleanWrapper listening = new ReadOnlyBooleanWrapper(this, "listening");
    private final ReadOnlyObjectWrapper<EngineEvent> lastEvent = new ReadOnlyObjectWrapper<>(this, "lastEvent");
    private EventFeed feed;
    private EngineSession feedOf;

    /**
     * @param clock this machine's clock, for how long the catalog went unread (tests pass their own)
     */
    public CatalogEvents(CatalogModel catalog, TaskExecutor tasks, Supplier<Instant> clock) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.clock = clock;
        catalog.sessionProperty().addListener((obs, old, now) -> follow(now));
        follow(catalog.sessionProperty().get());
    }

    private void follow(EngineSession session) {
        stop();
        if (session == null) {
            return;
        }
        feedOf = session;
        tasks.execute(session.listen(event -> tasks.onUiThread(() -> arrived(session, event))).silent()
                .onSuccess(started -> {
                    if (feedOf == session) {
                        feed = started;
                    } else {
                        tasks.execute(closing(started));
                    }
                })
                .onFailure(e -> listening.set(false)));
    }

    private void arrived(EngineSession from, EngineEvent event) {
        if (from != feedOf) {
            return;
        }
        lastEvent.set(event);
        switch (event.kind()) {
            case LISTENING -> {
                listening.set(true);
                // Whatever changed while nobody listened is read now.
                catalog.reloadQuietly();
            }
            case NOT_LISTENING -> listening.set(false);
            default -> catalog.changed(event);
        }
    }

    /** The timer's call: reads the catalog when events cannot be relied on, or have been quiet long. */
    public void poll() {
        if (!catalog.isReadable()) {
            return;
        }
        Instant last = catalog.lastReadProperty().get();
        if (!listening.get() || last == null || Duration.between(last, clock.get()).compareTo(QUIET_PERIOD) >= 0) {
            catalog.reloadQuietly();
        }
    }

    /** Stops listening (on disconnect and when the window closes). */
    public void stop() {
        feedOf = null;
        listening.set(false);
        if (feed != null) {
            tasks.execute(closing(feed));
            feed = null;
        }
    }

    private static io.trickle.desktop.services.BackgroundTask<Void> closing(EventFeed feed) {
        return io.trickle.desktop.services.BackgroundTask.<Void>of("Stop listening", context -> {
            feed.close();
            return null;
        }).silent();
    }

    /** Whether the engine's events arrive now (otherwise the catalog is read on a timer). */
    public ReadOnlyBooleanProperty listeningProperty() {
        return listening.getReadOnlyProperty();
    }

    /** The latest event, for the status bar and tests. */
    public ReadOnlyObjectProperty<EngineEvent> lastEventProperty() {
        return lastEvent.getReadOnlyProperty();
    }
}
