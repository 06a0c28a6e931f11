package io.trickle.engine.refresh;

import io.trickle.engine.cdc.CaptureInfo;
import io.trickle.engine.db.PgQuote;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;

/** Filling a storage table, for the lifecycle operations outside a refresh (create, alter). */
public final class Population {

    private Population() {
    }

    /** Fills an empty storage table from the sources as the current snapshot sees them. */
    public static long populate(Connection c, String storageTable, StorageSpec spec) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(ApplyStatement.populate(storageTable, spec));
        }
    }

    /**
     * Brings a storage table to the query's current result, writing only the difference, through
     * its compiled refresh (compile it first).
     */
    public static long[] replace(Connection c, long pgtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.__pgt_inserted, r.__pgt_deleted FROM "
                + CaptureInfo.SCHEMA + "." + PgQuote.ident(RefreshCompiler.functionName(pgtId)) + "('FULL') r");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Adapts the storage table's columns to a new spec, keeping the table (see {@link StorageReconciler}). */
    public static void reshape(Connection c, long storageOid, String storageTable, StorageSpec spec, boolean keyedBefore)
            throws SQLException {
        StorageReconciler.reconcile(c, storageOid, storageTable, spec);
        if (spec.identity().keyed() != keyedBefore) {
            StorageTables.rebuildRowIdIndex(c, storageOid, storageTable, spec);
        } else {
            // Another key (a new query, or a mode whose plan derives another) identifies the rows anew.
            StorageTables.reidentify(c, storageTable, spec);
        }
    }
}
