package io.trickle.engine.api;

import io.trickle.engine.inspect.ConsoleSession;
import java.util.List;

/**
 * A session of its own on the connected database for statements a DBA types ({@link Trickle#openConsole}),
 * outside the engine's pool, so that its SET commands and its transactions stay its own.
 *
 * <p><b>Read-only</b> (the default): every run is one READ ONLY transaction that is rolled back, and
 * only statements that read are accepted — SELECT, WITH, VALUES, TABLE, EXPLAIN and SHOW. PostgreSQL
 * itself refuses any write inside (a data-modifying CTE, a function that writes, nextval), and nothing
 * the DBA types can leave the transaction: statements that would (BEGIN, COMMIT, SET TRANSACTION, DO)
 * are refused before anything runs. <b>Read-write</b>: each statement runs as typed and commits on its
 * own, as in psql.
 */
public final class SqlConsole implements AutoCloseable {

    private final ConsoleSession session;

    SqlConsole(ConsoleSession session) {
        this.session = session;
    }

    /**
     * Runs the statements of {@code script} one after another, stopping at the first that fails.
     *
     * @param maxRows rows kept of each result; the rest are counted as {@link StatementResult#truncated()}
     * @throws TrickleException.InvalidInputException when a statement is refused in read-only mode (nothing ran),
     *                                                or the script has an unterminated literal
     * @throws TrickleException.NoSessionException    when the session is gone
     */
    public List<StatementResult> run(String script, int maxRows) {
        return session.run(script, maxRows);
    }

    /** Cancels the statement running now, if any; safe from any thread. */
    public void cancel() {
        session.cancel();
    }

    public boolean isReadOnly() {
        return session.isReadOnly();
    }

    /** Switches between read-only and read-write; takes effect with the next run. */
    public void setReadOnly(boolean readOnly) {
        session.setReadOnly(readOnly);
    }

    @Override
    public void close() {
        session.close();
    }
}
