package io.trickle.engine.api;

import java.util.Objects;

/**
 * Something that changed in a database, as the engine announces it on its NOTIFY channels (DESIGN
 * §5), delivered by {@link Trickle#listen}.
 *
 * @param kind        what happened
 * @param streamTable the stream table it concerns, or null
 * @param subject     what else it names: the source of a watermark, a group, a refresh action; or null
 * @param payload     the notification's payload as sent (JSON), empty for {@link Kind#LISTENING} and
 *                    {@link Kind#NOT_LISTENING}
 */
public record EngineEvent(Kind kind, String streamTable, String subject, String payload) {

    /** What an event says happened. */
    public enum Kind {
        /** A stream table was created, altered or dropped, or a setting changed ({@code pgtrickle_catalog}). */
        CATALOG_CHANGED,
        /** A refresh committed ({@code pgtrickle_alert}, {@code refresh_completed}). */
        REFRESH_COMPLETED,
        /** A refresh failed ({@code refresh_failed}). */
        REFRESH_FAILED,
        /** Too many failures in a row suspended a stream table ({@code auto_suspended}). */
        AUTO_SUSPENDED,
        /** A suspended stream table is active again ({@code resumed}). */
        RESUMED,
        /** A stream table fell behind its schedule ({@code stale_data}). */
        STALE_DATA,
        /** A watermark moved, or a watermark group was created or dropped ({@code pgtrickle_watermark}). */
        WATERMARK_CHANGED,
        /** Someone asked for a refresh ({@code pgtrickle_refresh_request}). */
        REFRESH_REQUESTED,
        /** The listening session is (again) connected: events from here on arrive; catch up on what was missed. */
        LISTENING,
        /** The listening session was lost; events are missed until {@link #LISTENING} comes again. */
        NOT_LISTENING,
        /** A notification on one of the channels that this engine does not know. */
        OTHER
    }

    public EngineEvent {
        Objects.requireNonNull(kind, "kind");
        payload = payload == null ? "" : payload;
    }
}
