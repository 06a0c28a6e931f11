package io.trickle.engine.dvm.delta;

import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.render.Fragments;
import java.util.List;

/**
 * Scoped recomputation: the keys a change window touches (grouping keys, distinct values), and an
 * input restricted to the rows with those keys. The restriction is written so that PostgreSQL can
 * use an index on the key: rows whose key has no NULL are matched with {@code IN} (a semi-join);
 * rows with a NULL in the key, which {@code IN} cannot match, are matched with
 * {@code IS NOT DISTINCT FROM} in a second branch that only runs when such a key was touched. The
 * conditions' SQL is written by {@link Fragments}; the restriction is two filters of the tree.
 */
final class KeyScope {

    private KeyScope() {
    }

    /** A CTE of the distinct key values of a delta relation, as columns {@code names}. */
    static String keysCte(DeltaContext ctx, String deltaCte, List<Expr> keyExprs, List<String> names) {
        return ctx.cte("keys", Fragments.distinctKeys(keyExprs, names, deltaCte));
    }

    /** {@code input} restricted to rows whose {@code keyExprs} match a row of {@code keysRelation}. */
    static Operator restrict(Operator input, List<Expr> keyExprs, String keysRelation, List<String> names) {
        Expr exact = Expr.compose(keyExprs, parts -> Fragments.keyIn(parts, keysRelation, names));
        Expr nullSafe = Expr.compose(keyExprs, parts -> Fragments.keyMatchesWithNulls(parts, keysRelation, names));
        return new UnionAll(List.of(new Filter(input, List.of(exact)), new Filter(input, List.of(nullSafe))),
                input.columns());
    }
}
