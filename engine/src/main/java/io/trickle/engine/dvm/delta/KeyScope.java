package io.trickle.engine.dvm.delta;

import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.UnionAll;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scoped recomputation: the keys a change window touches (grouping keys, distinct values), and an
 * input restricted to the rows with those keys. The restriction is written so that PostgreSQL can
 * use an index on the key: rows whose key has no NULL are matched with {@code IN} (a semi-join);
 * rows with a NULL in the key, which {@code IN} cannot match, are matched with
 * {@code IS NOT DISTINCT FROM} in a second branch that only runs when such a key was touched.
 */
public final class KeyScope {

    private KeyScope() {
    }

    /** A CTE of the distinct key values of a delta relation, as columns {@code names}. */
    public static String keysCte(DeltaContext ctx, String deltaCte, List<Expr> keyExprs, List<String> names) {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < keyExprs.size(); i++) {
            select.add(io.trickle.engine.dvm.render.SqlWriter.expr(keyExprs.get(i), "s") + " AS " + ident(names.get(i)));
        }
        return ctx.cte("keys", "SELECT DISTINCT " + String.join(", ", select) + " FROM " + deltaCte + " s");
    }

    /** {@code input} restricted to rows whose {@code keyExprs} match a row of {@code keysRelation}. */
    public static Operator restrict(Operator input, List<Expr> keyExprs, String keysRelation, List<String> names) {
        String notNull = names.stream().map(n -> ident(n) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String anyNull = names.stream().map(n -> "k." + ident(n) + " IS NULL").collect(Collectors.joining(" OR "));
        Expr exact = Expr.compose(keyExprs, parts -> (parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")")
                + " IN (SELECT " + names.stream().map(n -> ident(n)).collect(Collectors.joining(", "))
                + " FROM " + keysRelation + " WHERE " + notNull + ")");
        Expr nullSafe = Expr.compose(keyExprs, parts -> {
            List<String> same = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                same.add("k." + ident(names.get(i)) + " IS NOT DISTINCT FROM " + parts.get(i));
            }
            return "EXISTS (SELECT 1 FROM " + keysRelation + " k WHERE " + anyNull + ") AND EXISTS (SELECT 1 FROM "
                    + keysRelation + " k WHERE (" + anyNull + ") AND " + String.join(" AND ", same) + ")";
        });
        return new UnionAll(List.of(new Filter(input, List.of(exact)), new Filter(input, List.of(nullSafe))),
                input.columns());
    }
}
