package io.trickle.engine.cdc;

import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.util.Map;

/**
 * The windows of an IMMEDIATE table's maintenance after statements on several of its sources that
 * were under way at once (a writable CTE writing two sources, a foreign key's cascade, a trigger
 * writing another source): each statement's change waited in its source's stash until the last of
 * them finished, because until then the other sources were not what the table was maintained
 * against. Each window is its stash, consolidated.
 *
 * @param pgtId the stream table
 */
public record PendingWindows(long pgtId) implements ChangeSource {

    @Override
    public Window window(Connection c, int index, Relation source, Map<String, PgType> columns) {
        return Window.of(ExactImage.consolidate(ImmediateStash.contents(pgtId, index, columns.keySet()), columns));
    }
}
