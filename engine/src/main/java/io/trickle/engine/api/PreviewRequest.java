package io.trickle.engine.api;

import java.util.Objects;

/**
 * Which rows {@link Trickle#preview} reads: the first {@code limit} rows of a stream table or any other
 * relation, optionally ordered by one of its columns.
 *
 * @param relation   {@code [schema.]name}, read as DESIGN §4 says
 * @param limit      how many rows, 1 to {@link #MAX_LIMIT}
 * @param orderBy    a column to order by, or null for the order PostgreSQL returns them in
 * @param descending with {@code orderBy}: largest first
 */
public record PreviewRequest(String relation, int limit, String orderBy, boolean descending) {

    public static final int MAX_LIMIT = 10_000;

    public PreviewRequest {
        Objects.requireNonNull(relation, "relation");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TrickleException.InvalidInputException("a preview reads 1 to " + MAX_LIMIT + " rows, not " + limit);
        }
    }

    public static PreviewRequest first(String relation, int limit) {
        return new PreviewRequest(relation, limit, null, false);
    }

    public PreviewRequest orderedBy(String column, boolean descendingOrder) {
        return new PreviewRequest(relation, limit, column, descendingOrder);
    }
}
