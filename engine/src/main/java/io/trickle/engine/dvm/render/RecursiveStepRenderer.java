package io.trickle.engine.dvm.render;

import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the recursive term of a WITH RECURSIVE as one flat SELECT. PostgreSQL requires the
 * self-reference to appear directly in the recursive term's FROM, never inside a subquery, so the
 * term's projection, filters and inner joins are written as one SELECT … FROM … WHERE …; everything
 * that does not contain the self-reference is written as a subquery as usual.
 */
final class RecursiveStepRenderer {

    private final RecursiveCte cte;
    private final Function<Operator, String> nested;
    private final Map<ColumnId, String> owner = new HashMap<>();
    private final List<Expr> conditions = new ArrayList<>();
    private int aliases;

    private final Function<List<String>, String> extraCondition;

    private RecursiveStepRenderer(RecursiveCte cte, Function<Operator, String> nested,
                                  Function<List<String>, String> extraCondition) {
        this.cte = cte;
        this.nested = nested;
        this.extraCondition = extraCondition;
    }

    /** {@code extraCondition}, when not null, adds a condition over the term's output expressions. */
    static String render(RecursiveCte cte, Function<Operator, String> nested, Function<List<String>, String> extraCondition) {
        return new RecursiveStepRenderer(cte, nested, extraCondition).step(cte.step());
    }

    private String step(Operator op) {
        Project project = op instanceof Project p ? p : null;
        Operator body = project != null ? project.input() : op;
        String from = from(body);
        Function<ColumnId, String> columns = id -> {
            String alias = owner.get(id);
            if (alias == null) {
                throw new IllegalStateException("column " + id + " not in the recursive term's FROM");
            }
            return col(alias, id);
        };
        List<String> select = new ArrayList<>();
        if (project != null) {
            project.outputs().forEach(o -> select.add(SqlWriter.expr(o.expr(), columns)));
        } else {
            body.columns().forEach(id -> select.add(columns.apply(id)));
        }
        List<String> where = new ArrayList<>(conditions.stream().map(e -> SqlWriter.expr(e, columns)).toList());
        if (extraCondition != null) {
            where.add(extraCondition.apply(select));
        }
        return "SELECT " + String.join(", ", select) + " FROM " + from + (where.isEmpty() ? "" : " WHERE " + SqlWriter.and(where));
    }

    private String from(Operator op) {
        if (op instanceof RecursiveRef ref) {
            String a = "r" + (++aliases);
            ref.columns().forEach(id -> owner.put(id, a));
            return ident(cte.name()) + " " + a;
        }
        if (op instanceof Filter f && containsRef(f)) {
            conditions.addAll(f.conjuncts());
            return from(f.input());
        }
        if (op instanceof Join j && containsRef(j)) {
            if (j.kind() != JoinKind.INNER) {
                throw new UnsupportedConstruct("an outer join with the recursive reference in WITH RECURSIVE");
            }
            String left = from(j.left());
            String right = from(j.right());
            conditions.addAll(j.conditions());
            return left + " CROSS JOIN " + right;
        }
        if (containsRef(op)) {
            throw new UnsupportedConstruct("a recursive term of this shape in WITH RECURSIVE (" + op.describe() + ")");
        }
        String a = "x" + (++aliases);
        op.columns().forEach(id -> owner.put(id, a));
        return "(" + nested.apply(op) + ") " + a;
    }

    private static boolean containsRef(Operator op) {
        if (op instanceof RecursiveRef) {
            return true;
        }
        for (Operator in : op.inputs()) {
            if (containsRef(in)) {
                return true;
            }
        }
        return false;
    }
}
