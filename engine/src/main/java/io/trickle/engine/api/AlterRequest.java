package io.trickle.engine.api;

import java.util.Locale;
import java.util.Objects;

/**
 * What to change of a stream table ({@link Trickle#alter}); what is null stays as it is. Start from
 * {@link #of} and name the changes:
 * <pre>{@code trickle.alter(AlterRequest.of("shop.totals").schedule("5m").status(AlterRequest.Status.ACTIVE))}</pre>
 *
 * @param name     the stream table
 * @param query    a new defining query: derived again, the table repopulated in one transaction
 * @param schedule a new schedule
 * @param mode     a new refresh mode (derived again, as a new query is)
 * @param status   suspend it, or resume it (which clears its error count)
 */
public record AlterRequest(QualifiedName name, String query, Schedule schedule, RefreshMode mode, Status status) {

    /** The statuses a person may set; INITIALIZING and ERROR are the engine's. */
    public enum Status {
        ACTIVE, SUSPENDED;

        /** @throws TrickleException.InvalidInputException naming the text and what is accepted */
        public static Status parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TrickleException.InvalidInputException("unknown status '" + text
                        + "'; expected ACTIVE or SUSPENDED");
            }
        }
    }

    public AlterRequest {
        Objects.requireNonNull(name, "name");
        if (query != null && query.isBlank()) {
            throw new TrickleException.InvalidInputException("the new query of " + name + " is empty");
        }
    }

    /** Nothing changed yet of stream table {@code name} ({@code [schema.]name}). */
    public static AlterRequest of(String name) {
        return new AlterRequest(QualifiedName.parse(name), null, null, null, null);
    }

    public AlterRequest query(String q) {
        return new AlterRequest(name, q, schedule, mode, status);
    }

    /** A new schedule from its text ({@link Schedule#parse}). */
    public AlterRequest schedule(String text) {
        return schedule(Schedule.parse(text));
    }

    public AlterRequest schedule(Schedule s) {
        return new AlterRequest(name, query, s, mode, status);
    }

    public AlterRequest mode(RefreshMode m) {
        return new AlterRequest(name, query, schedule, m, status);
    }

    public AlterRequest status(Status s) {
        return new AlterRequest(name, query, schedule, mode, s);
    }

    /** Whether it changes anything at all. */
    public boolean changesNothing() {
        return query == null && schedule == null && mode == null && status == null;
    }
}
