package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The windows of an IMMEDIATE table's maintenance after one statement on one source: that source's
 * window is the statement's transition tables ({@code __pgt_new} added, {@code __pgt_old} removed);
 * every other source did not change, so its window is empty — a typed empty relation (the source's
 * stash read with {@code WHERE false}, which carries the columns' types and collations), which the
 * planner drops with every branch of the delta that reads it. So the delta sees the written source
 * after the statement and every other source as it is: exactly what the table was maintained
 * against so far.
 *
 * <p>Transition tables are visible only to SQL that the trigger function runs itself, not to
 * functions it calls: the statement reading them is compiled into the trigger function.
 *
 * @param pgtId   the stream table (its stashes type the empty windows)
 * @param changed the source the statement wrote
 * @param event   what the statement did
 */
public record TransitionTables(long pgtId, long changed, Event event) implements ChangeSource {

    /** What a statement did to its table, and which transition tables it has. */
    public enum Event {
        INSERT, UPDATE, DELETE;

        /** The transition table to test for rows: an UPDATE has both, with as many rows each. */
        public String anyTable() {
            return this == DELETE ? OLD : NEW;
        }
    }

    /** The transition tables' names, as the triggers declare them. */
    public static final String OLD = "__pgt_old";
    public static final String NEW = "__pgt_new";

    @Override
    public Window window(Connection c, int index, Relation source, Map<String, PgType> columns) {
        if (source.oid() != changed) {
            return new Window(ImmediateStash.emptyWindow(pgtId, index, columns.keySet()), true, java.util.List.of(),
                    java.util.List.of());
        }
        return Window.of(statementChange(event, columns));
    }

    /**
     * The change one statement made, as a window: added rows +1, removed rows −1; an UPDATE's old and
     * new rows netted by exact image, so that rows whose read columns did not change cancel.
     */
    public static String statementChange(Event event, Map<String, PgType> columns) {
        return switch (event) {
            case INSERT -> rows("n", NEW, columns, "1");
            case DELETE -> rows("o", OLD, columns, "-1");
            case UPDATE -> ExactImage.consolidate(rows("n", NEW, columns, "1") + " UNION ALL " + rows("o", OLD, columns, "-1"),
                    columns);
        };
    }

    /**
     * A transition table's columns have the source's types, domains included; the delta reads them in
     * the domain's base type, as every other window (issue 18: a value written into a domain runs its
     * CHECK, which may call the domain owner's functions, as the engine). Domain to base is a relabel.
     */
    private static String rows(String alias, String table, Map<String, PgType> columns, String weight) {
        String cols = columns.entrySet().stream().map(e -> "CAST(" + alias + "." + PgQuote.ident(e.getKey()) + " AS "
                + e.getValue().name() + ") AS " + PgQuote.ident(e.getKey()) + ", ").collect(Collectors.joining());
        return "SELECT " + cols + weight + "::bigint AS __pgt_w FROM " + table + " " + alias;
    }
}
