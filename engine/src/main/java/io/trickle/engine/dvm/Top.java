package io.trickle.engine.dvm;

import io.trickle.engine.dvm.delta.DeltaContext;
import io.trickle.engine.dvm.delta.Differentiator;
import io.trickle.engine.dvm.op.Operator;
import java.util.List;

/**
 * How the top of a tree is kept in the storage table. Most trees are linear at the top: their delta
 * is applied as it is. An aggregate or a DISTINCT at the top instead reads its previous state from
 * the storage table itself (counts and sums kept in auxiliary columns), so that a refresh touches
 * only the groups that changed.
 */
sealed interface Top permits LinearTop, AggregateTop, DistinctTop {

    /** The storage table's columns, user columns first. */
    List<StorageColumn> storage();

    RowIdentity identity();

    /** A tree whose output columns are the storage columns, in order: what FULL writes. */
    Operator fullTree();

    /**
     * Writes the delta of the whole query for one change window as a SELECT of the storage columns
     * and {@code __pgt_w}, adding the CTEs it needs to {@code ctx}. {@code storage} is the storage
     * table (its previous contents), {@code rowId} the row-id expression over columns of alias
     * {@code k} for the key.
     */
    String delta(DeltaContext ctx, Differentiator differentiator, String storage);

    /** How this top is maintained, for {@code show}. */
    String strategy();

    /**
     * Whether a differential refresh recomputes every group a change touches from the sources (so
     * that a window touching about every group costs more than a full refresh).
     */
    default boolean recomputesTouchedGroups() {
        return false;
    }
}
