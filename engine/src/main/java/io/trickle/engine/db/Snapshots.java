package io.trickle.engine.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Shared snapshots: one transaction exports its snapshot, others import it as their first statement
 * and then see exactly the same committed data. The exporting transaction must stay open until every
 * importer has started; an importer must be REPEATABLE READ (or SERIALIZABLE).
 */
public final class Snapshots {

    private Snapshots() {
    }

    /** Exports the snapshot of {@code tx}, which must be a REPEATABLE READ transaction that has run nothing yet. */
    public static String export(Connection tx) throws SQLException {
        try (Statement st = tx.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Makes {@code tx} (REPEATABLE READ, nothing run yet) see the exported snapshot {@code snapshotId}. */
    public static void importInto(Connection tx, String snapshotId) throws SQLException {
        try (Statement st = tx.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT " + PgQuote.literal(snapshotId));
        }
    }
}
