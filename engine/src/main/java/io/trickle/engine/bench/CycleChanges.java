package io.trickle.engine.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The changes of one cycle: which orders are updated and deleted, and which new ids are inserted.
 * Applied to each copy in one transaction, so that a scheduler sees the whole cycle in one window and
 * every kind of maintenance pays for the same statements.
 */
record CycleChanges(long[] updated, long[] deleted, long firstInsert, long inserts) {

    /** Source rows the cycle changes. */
    long rows() {
        return updated.length + deleted.length + inserts;
    }

    /** Applies the cycle to {@code copy} in one transaction; returns the time it took, commit included, in ms. */
    double apply(Connection c, Sources copy, long customers) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try {
            OrdersData.updateOrders(c, copy, updated, customers);
            OrdersData.deleteOrders(c, copy, deleted);
            OrdersData.insertOrders(c, copy, firstInsert, inserts, customers);
            c.commit();
            return (System.nanoTime() - start) / 1e6;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
