package io.trickle.engine.refresh;

import java.sql.Connection;
import java.sql.SQLException;

/** Filling a storage table, for the lifecycle operations outside a refresh (create, alter). */
public final class Population {

    private Population() {
    }

    /** Fills an empty storage table from the sources as the current snapshot sees them. */
    public static long populate(Connection c, String storageTable, StorageSpec spec) throws SQLException {
        return StorageApplier.populate(c, storageTable, spec);
    }

    /** Brings a storage table to the query's current result, writing only the difference. */
    public static long[] replace(Connection c, String storageTable, StorageSpec spec) throws SQLException {
        StorageApplier.Applied applied = StorageApplier.apply(c, storageTable, spec, StorageApplier.fullChange(storageTable, spec));
        return new long[] {applied.inserted(), applied.deleted()};
    }

    /** Adapts the storage table's columns to a new spec, keeping the table (see {@link StorageReconciler}). */
    public static void reshape(Connection c, long storageOid, String storageTable, StorageSpec spec, boolean keyedBefore)
            throws SQLException {
        StorageReconciler.reconcile(c, storageOid, storageTable, spec);
        if (spec.identity().keyed() != keyedBefore) {
            StorageTables.rebuildRowIdIndex(c, storageOid, storageTable, spec);
        }
    }
}
