package io.trickle.engine.refresh;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A last check a refresh makes inside its own transaction, in the snapshot it reads its sources in,
 * before it changes anything. A check made before the transaction could be overtaken by a commit in
 * between (a loader committing its rows and its watermark); one made here sees exactly the data the
 * refresh would consume. A refresh held back this way records action SKIP, status SKIPPED, with the
 * reason, and changes nothing else. Watermark gating is the one user.
 */
@FunctionalInterface
public interface RefreshPrecondition {

    /** Why stream table {@code pgtId} must not refresh in transaction {@code tx}'s snapshot, or null. */
    String holdBack(Connection tx, long pgtId) throws SQLException;
}
