package io.trickle.engine.cdc;

import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Where a compiled maintenance reads each source's changes from (issue 15, point 4). The window of a
 * source is a query yielding the columns the delta reads, under their own names, and a weight
 * {@code __pgt_w} (+n added, −n removed), with no row of both signs — the contract of
 * {@link io.trickle.engine.dvm.render.SourceWindows} — so that the delta the DVM derived is the same
 * SQL whatever the windows are read from:
 * <ul>
 *   <li>{@link BufferedWindows}: a refresh, reading each source's typed change buffer between the
 *       table's frontier and the refresh's snapshot;</li>
 *   <li>{@link TransitionTables}: an IMMEDIATE table's maintenance after one statement on one of its
 *       sources — that statement's transition tables; every other source is as it is (an empty
 *       window);</li>
 *   <li>{@link PendingWindows}: an IMMEDIATE table's maintenance after statements on several of its
 *       sources that were under way together (a writable CTE, a foreign key's cascade, a trigger),
 *       each kept in the source's stash until the last of them finished.</li>
 * </ul>
 */
public sealed interface ChangeSource permits BufferedWindows, TransitionTables, PendingWindows {

    /**
     * The window of one source.
     *
     * @param index   the source's position among the plan's sources, from 1 (names variables and stashes)
     * @param columns the columns the delta reads from it, with their types
     */
    Window window(Connection c, int index, Relation source, Map<String, PgType> columns) throws SQLException;

    /**
     * A source's window as the compiled code reads it.
     *
     * @param query        the window as a query
     * @param empty        whether it is known to be empty (the planner is then told it may drop it)
     * @param declarations PL/pgSQL variable declarations the query needs
     * @param setup        PL/pgSQL statements that must run before it (filling those variables)
     */
    record Window(String query, boolean empty, List<String> declarations, List<String> setup) {

        public Window {
            declarations = List.copyOf(declarations);
            setup = List.copyOf(setup);
        }

        static Window of(String query) {
            return new Window(query, false, List.of(), List.of());
        }
    }
}
