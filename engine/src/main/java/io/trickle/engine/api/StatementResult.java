package io.trickle.engine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one statement of the SQL console did ({@link SqlConsole#run}).
 *
 * @param sql         the statement as run, without its semicolon
 * @param columns     the columns of its result, empty when it returned no rows (an UPDATE, a SET)
 * @param rows        the rows it returned, at most the limit given to {@code run}; values as PostgreSQL's
 *                    text output, null for SQL NULL
 * @param truncated   whether it returned more rows than were kept
 * @param updateCount rows changed by INSERT, UPDATE, DELETE or MERGE; -1 for a statement with a result
 * @param error       PostgreSQL's message when it failed (the statements after it did not run), else null
 * @param millis      how long it took, as this process measured it
 */
public record StatementResult(String sql, List<ColumnInfo> columns, List<List<String>> rows, boolean truncated,
                              long updateCount, String error, double millis) {

    public StatementResult {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
        rows = Collections.unmodifiableList(copy);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean hasRows() {
        return !columns.isEmpty();
    }
}
