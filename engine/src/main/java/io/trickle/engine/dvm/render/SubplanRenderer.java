package io.trickle.engine.dvm.render;

import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Subplan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a {@link Subplan} as the correlated subquery PostgreSQL runs per outer row:
 * {@code SELECT items FROM (<body>) b WHERE correlation …}, the body in whatever state the caller
 * renders, columns of the body read through {@code b}, columns of the outer row through
 * {@code outerAlias}.
 */
public final class SubplanRenderer {

    private SubplanRenderer() {
    }

    /**
     * @param body      renders the body in the caller's state
     * @param itemNames aliases for the select items (LATERAL subqueries), or null
     */
    public static String render(Subplan plan, Function<Operator, String> body, String outerAlias, List<ColumnId> itemNames) {
        String b = ReservedNames.SUBQUERY_BODY;
        Set<ColumnId> bodyCols = new HashSet<>(plan.body().columns());
        Function<ColumnId, String> columns = id -> col(bodyCols.contains(id) ? b : outerAlias, id);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < plan.items().size(); i++) {
            String item = SqlWriter.expr(plan.items().get(i), columns);
            items.add(itemNames == null ? item : item + " AS " + ident(itemNames.get(i)));
        }
        StringBuilder sb = new StringBuilder("SELECT ");
        if (plan.distinct()) {
            sb.append("DISTINCT ");
        }
        sb.append(String.join(", ", items)).append(" FROM (").append(body.apply(plan.body())).append(") ").append(b);
        if (!plan.correlation().isEmpty()) {
            sb.append(" WHERE ").append(SqlWriter.and(plan.correlation().stream().map(e -> SqlWriter.expr(e, columns)).toList()));
        }
        if (!plan.groupBy().isEmpty()) {
            sb.append(" GROUP BY ").append(String.join(", ", plan.groupBy().stream().map(e -> SqlWriter.expr(e, columns)).toList()));
        }
        if (!plan.having().isEmpty()) {
            sb.append(" HAVING ").append(SqlWriter.and(plan.having().stream().map(e -> SqlWriter.expr(e, columns)).toList()));
        }
        if (!plan.orderBy().isEmpty()) {
            sb.append(" ORDER BY ").append(String.join(", ", plan.orderBy().stream().map(e -> SqlWriter.expr(e, columns)).toList()));
        }
        if (!plan.limit().isEmpty()) {
            sb.append(' ').append(plan.limit());
        }
        return sb.toString();
    }
}
