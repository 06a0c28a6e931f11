package io.trickle.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of a relation ({@link Trickle#preview}). Values are PostgreSQL's text output of
 * each value (null for SQL NULL), cut at {@link #MAX_VALUE_LENGTH} characters; a stream table's
 * engine columns ({@code __pgt_…}) are left out.
 *
 * @param relation   the relation's qualified name, quoted where PostgreSQL needs quotes
 * @param columns    the columns shown, in table order
 * @param rows       the rows, each as many values as there are columns
 * @param more       whether the relation has more rows than were read
 * @param orderBy    the column the rows are ordered by, or null
 * @param descending with {@code orderBy}: largest first
 */
public record RelationPreview(String relation, List<ColumnInfo> columns, List<List<String>> rows, boolean more,
                              String orderBy, boolean descending) {

    /** Longer values are cut here, with an ellipsis, so a preview stays small. */
    public static final int MAX_VALUE_LENGTH = 2000;

    public RelationPreview {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        // Rows may hold nulls (SQL NULL), which List.copyOf refuses.
        rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
        rows = Collections.unmodifiableList(copy);
    }
}
