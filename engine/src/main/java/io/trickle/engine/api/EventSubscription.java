package io.trickle.engine.api;

import io.trickle.engine.events.NotificationListener;

/**
 * The engine's events of one database, listened to on a session of their own ({@link Trickle#listen}).
 * Close it to stop listening.
 */
public final class EventSubscription implements AutoCloseable {

    private final NotificationListener listener;

    EventSubscription(NotificationListener listener) {
        this.listener = listener;
    }

    /** Whether the listening session is connected now (events arrive). */
    public boolean isListening() {
        return listener.isListening();
    }

    @Override
    public void close() {
        listener.close();
    }
}
