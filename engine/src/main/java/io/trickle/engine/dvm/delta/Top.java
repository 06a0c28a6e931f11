package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.RowIdentity;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.sql.PgType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the top of a tree is kept in the storage table. Most trees are linear at the top: their delta
 * is applied as it is. An aggregate or a DISTINCT at the top instead reads its previous state from
 * the storage table itself (counts and sums kept in auxiliary columns), so that a refresh touches
 * only the groups that changed. The tops live with the delta rules: each is the rule for the
 * operator at the top, with the storage table as that operator's state.
 */
public sealed interface Top permits LinearTop, AggregateTop, DistinctTop {

    /**
     * How {@code tree} is kept: an aggregate under the SELECT list (and HAVING) keeps its groups'
     * state, a DISTINCT its rows' counts; anything else is applied as its delta.
     *
     * @param names the query's output column names
     * @param types the type of every column of the tree
     */
    static Top of(Operator tree, List<String> names, Map<ColumnId, PgType> types) {
        if (tree instanceof Project p) {
            if (p.input() instanceof Aggregate a) {
                return AggregateTop.of(p, null, a, names, types);
            }
            if (p.input() instanceof Filter h && h.input() instanceof Aggregate a) {
                return AggregateTop.of(p, h, a, names, types);
            }
        }
        if (tree instanceof Distinct d) {
            return new DistinctTop(d, names, types);
        }
        return new LinearTop(tree, names, types);
    }

    /** The storage table's columns, user columns first. */
    List<StorageColumn> storage();

    RowIdentity identity();

    /** A tree whose output columns are the storage columns, in order: what FULL writes. */
    Operator fullTree();

    /**
     * The operator whose state the storage table keeps (its old state is read from there, not
     * computed from the sources), if any.
     */
    Optional<Operator> keptInStorage();

    /**
     * Writes the delta of the whole query for one change window as a SELECT of the storage columns
     * and the weight, adding the CTEs it needs to {@code ctx}. {@code storage} is the storage table
     * (its previous contents).
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
