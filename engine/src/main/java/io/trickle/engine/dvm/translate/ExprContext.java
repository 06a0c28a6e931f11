package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;

/**
 * Writes the expressions of one query level against its current operator. A subquery inside an
 * expression becomes a {@link io.trickle.engine.dvm.op.SubqueryValue} column added on top of the
 * current operator; a window function call is collected and becomes a column of the
 * {@link Window} that {@link #withWindows} adds. Column references resolve through {@code columns}
 * (the FROM items, or the grouping keys and aggregates above a GROUP BY); {@code whole} recognises
 * subexpressions that already are columns (a grouping expression, an aggregate).
 */
final class ExprContext implements ExprWriter.Resolver {

    private final QueryTranslator query;
    private final Scope scope;
    private final Ctes ctes;
    private final Function<Column, ColumnId> columns;
    private final Function<Expression, Optional<Expr>> whole;
    private final UnaryOperator<ColumnId> projected;
    private Operator current;
    private final List<NamedExpr> windowCalls = new ArrayList<>();
    private final List<List<Expr>> windowPartitions = new ArrayList<>();

    ExprContext(QueryTranslator query, Scope scope, Ctes ctes, Operator current, Function<Column, ColumnId> columns,
                Function<Expression, Optional<Expr>> whole, UnaryOperator<ColumnId> projected) {
        this.query = query;
        this.scope = scope;
        this.ctes = ctes;
        this.current = current;
        this.columns = columns;
        this.whole = whole;
        this.projected = projected;
    }

    /** A context over FROM items: columns resolve in the scope (and its enclosing scopes). */
    static ExprContext over(QueryTranslator query, Scope scope, Ctes ctes, Operator current) {
        return new ExprContext(query, scope, ctes, current, c -> QueryTranslator.resolveColumn(scope, c), e -> Optional.empty(),
                id -> id);
    }

    /** The column a {@code *}-expanded input column is at this level (a grouping key above a GROUP BY). */
    ColumnId projected(ColumnId input) {
        return projected.apply(input);
    }

    Expr write(Expression e) {
        return ExprWriter.write(e, this);
    }

    Operator current() {
        return current;
    }

    void replaceCurrent(Operator op) {
        current = op;
    }

    Scope scope() {
        return scope;
    }

    Ctes ctes() {
        return ctes;
    }

    QueryTranslator query() {
        return query;
    }

    @Override
    public ColumnId column(Column column) {
        return columns.apply(column);
    }

    @Override
    public Optional<Expr> whole(Expression expression) {
        return whole.apply(expression);
    }

    @Override
    public Expr sublink(Expression sublink) {
        return new SublinkTranslator(query).value(sublink, this);
    }

    @Override
    public Expr window(AnalyticExpression call) {
        ExprWriter.Resolver plain = new ExprWriter.Resolver() {
            @Override
            public ColumnId column(Column column) {
                return ExprContext.this.column(column);
            }

            @Override
            public Optional<Expr> whole(Expression expression) {
                return ExprContext.this.whole(expression);
            }

            @Override
            public Expr sublink(Expression sublink) {
                return ExprContext.this.sublink(sublink);
            }

            @Override
            public Expr window(AnalyticExpression nested) {
                return nested == call ? null : ExprContext.this.window(nested);
            }
        };
        Expr template = ExprWriter.write(call, plain);
        List<Expr> partition = new ArrayList<>();
        if (call.getPartitionExpressionList() != null) {
            for (Expression p : call.getPartitionExpressionList()) {
                partition.add(ExprWriter.write(p, plain));
            }
        }
        for (NamedExpr existing : windowCalls) {
            if (existing.expr().equals(template)) {
                return Expr.column(existing.id());
            }
        }
        ColumnId id = query.ids().next(call.getName());
        windowCalls.add(new NamedExpr(id, template));
        windowPartitions.add(partition);
        return Expr.column(id);
    }

    /** The current operator with a Window for the collected calls, if any. */
    Operator withWindows() {
        if (windowCalls.isEmpty()) {
            return current;
        }
        // Rows of a partition shared by every call are recomputed together: the expressions all the
        // calls partition by (none: the whole input is one partition).
        List<Expr> shared = new ArrayList<>(windowPartitions.get(0));
        for (List<Expr> p : windowPartitions) {
            shared.retainAll(p);
        }
        current = new Window(current, List.copyOf(windowCalls), shared);
        windowCalls.clear();
        windowPartitions.clear();
        return current;
    }
}
