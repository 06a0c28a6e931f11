package io.trickle.engine.api;

import java.util.Objects;

/**
 * What to create ({@link Trickle#create}): a stream table named {@code name} over {@code query}.
 * Start from {@link #of} and change what differs from the defaults (calculated schedule, AUTO,
 * populated at once):
 * <pre>{@code trickle.create(CreateRequest.of("shop.totals", sql).schedule("30s").mode(RefreshMode.DIFFERENTIAL))}</pre>
 *
 * @param name       where the storage table goes
 * @param query      the defining query: exactly one SELECT
 * @param schedule   when the scheduler refreshes it
 * @param mode       how it is maintained
 * @param initialize populate it now; otherwise the first refresh does
 */
public record CreateRequest(QualifiedName name, String query, Schedule schedule, RefreshMode mode, boolean initialize) {

    public CreateRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(mode, "mode");
        if (query == null || query.isBlank()) {
            throw new TrickleException.InvalidInputException("a stream table needs a query (--query)");
        }
    }

    /**
     * A stream table {@code name} ({@code [schema.]name}, read as {@link QualifiedName#parse} reads it)
     * over {@code query}, on a calculated schedule, AUTO, populated at once.
     *
     * @throws TrickleException.InvalidInputException for a bad name or an empty query
     */
    public static CreateRequest of(String name, String query) {
        return new CreateRequest(QualifiedName.parse(name), query, Schedule.CALCULATED, RefreshMode.AUTO, true);
    }

    /** The same request on schedule {@code text} ({@link Schedule#parse}; null or blank for calculated). */
    public CreateRequest schedule(String text) {
        return schedule(Schedule.parse(text));
    }

    public CreateRequest schedule(Schedule s) {
        return new CreateRequest(name, query, s, mode, initialize);
    }

    public CreateRequest mode(RefreshMode m) {
        return new CreateRequest(name, query, schedule, m, initialize);
    }

    /** The same request, leaving the table empty until its first refresh. */
    public CreateRequest withoutPopulating() {
        return new CreateRequest(name, query, schedule, mode, false);
    }

    public CreateRequest populated(boolean populate) {
        return new CreateRequest(name, query, schedule, mode, populate);
    }
}
