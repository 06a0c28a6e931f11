package io.trickle.desktop.services;

import io.trickle.engine.api.StatementResult;
import java.util.List;

/**
 * The SQL console's own session on the connected database ({@link EngineSession#openConsole}): read-only
 * until switched (the engine refuses anything but reading statements and runs them in a READ ONLY
 * transaction), read-write after the DBA confirmed the switch.
 */
public interface ConsoleSession {

    /** Runs the statements of {@code script} in order, stopping at the first that fails; cancelling the task cancels the statement. */
    BackgroundTask<List<StatementResult>> run(String script, int maxRows);

    boolean isReadOnly();

    /** Takes effect with the next run. */
    void setReadOnly(boolean readOnly);

    /** Ends the session; the task never fails. */
    BackgroundTask<Void> close();
}
