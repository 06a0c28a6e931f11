package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A correlated subquery kept as SQL around a translated body: for each outer row, PostgreSQL runs
 * {@code SELECT <items> FROM (<body>) b WHERE <correlation> [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT …]}.
 * The body (the subquery's FROM and its WHERE conjuncts that do not read the outer row) is an operator
 * tree, so its changes are known; the equality keys ({@code inner = outer}) say which outer rows a change
 * of the body can affect. Exprs of the tail may read body columns and outer columns.
 *
 * @param body        the subquery's FROM and uncorrelated WHERE
 * @param correlation conjuncts that read the outer row (with the body's columns)
 * @param keys        the equality conjuncts among them, as (body expression, outer expression)
 * @param items       the select list
 * @param groupBy     GROUP BY expressions (empty when none)
 * @param having      HAVING conjuncts
 * @param orderBy     ORDER BY items, each with its direction in the template
 * @param limit       LIMIT/OFFSET text ({@code LIMIT 1 OFFSET 2}), or empty
 * @param distinct    SELECT DISTINCT
 */
public record Subplan(Operator body, List<Expr> correlation, List<KeyPair> keys, List<Expr> items, List<Expr> groupBy,
                      List<Expr> having, List<Expr> orderBy, String limit, boolean distinct) {

    /** {@code inner = outer}: a change of the body touches the outer rows whose outer value equals the inner one. */
    public record KeyPair(Expr inner, Expr outer) {
    }

    public Subplan {
        correlation = List.copyOf(correlation);
        keys = List.copyOf(keys);
        items = List.copyOf(items);
        groupBy = List.copyOf(groupBy);
        having = List.copyOf(having);
        orderBy = List.copyOf(orderBy);
    }

    /** The same subquery around another body (a rewrite of the body's tree). */
    public Subplan withBody(Operator newBody) {
        return newBody == body ? this : new Subplan(newBody, correlation, keys, items, groupBy, having, orderBy, limit, distinct);
    }

    public String explain() {
        StringBuilder sb = new StringBuilder("SELECT ");
        sb.append(distinct ? "DISTINCT " : "").append(items.stream().map(Expr::explain).collect(Collectors.joining(", ")));
        if (!correlation.isEmpty()) {
            sb.append(" WHERE ").append(correlation.stream().map(Expr::explain).collect(Collectors.joining(" AND ")));
        }
        if (!groupBy.isEmpty()) {
            sb.append(" GROUP BY ").append(groupBy.stream().map(Expr::explain).collect(Collectors.joining(", ")));
        }
        if (!having.isEmpty()) {
            sb.append(" HAVING ").append(having.stream().map(Expr::explain).collect(Collectors.joining(" AND ")));
        }
        if (!orderBy.isEmpty()) {
            sb.append(" ORDER BY ").append(orderBy.stream().map(Expr::explain).collect(Collectors.joining(", ")));
        }
        if (!limit.isEmpty()) {
            sb.append(' ').append(limit);
        }
        return sb.toString();
    }
}
