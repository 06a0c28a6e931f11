package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Subplan;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Subqueries used as values (scalar subqueries, EXISTS / IN / ANY / ALL inside expressions) and the
 * right side of semi- and anti-joins. A subquery's FROM and its WHERE conjuncts that do not read the
 * outer row become an operator tree (its body); the conjuncts that read the outer row stay as SQL
 * around it, and those of the form {@code inner = outer} are its keys (see {@link Subplan}).
 */
final class SublinkTranslator {

    private final QueryTranslator query;

    SublinkTranslator(QueryTranslator query) {
        this.query = query;
    }

    /** A subquery used as a value: adds a SubqueryValue column to the context's operator. */
    Expr value(Expression sublink, ExprContext ctx) {
        Select select;
        Expr value;
        if (sublink instanceof ParenthesedSelect ps) {
            select = ps.getSelect();
            value = Expr.constant("(" + SubqueryValue.PLACEHOLDER + ")");
        } else if (sublink instanceof Select s) {
            select = s;
            value = Expr.constant("(" + SubqueryValue.PLACEHOLDER + ")");
        } else if (sublink instanceof ExistsExpression e) {
            select = asSelect(e.getRightExpression());
            value = Expr.constant((e.isNot() ? "NOT " : "") + "EXISTS (" + SubqueryValue.PLACEHOLDER + ")");
        } else if (sublink instanceof InExpression in) {
            select = asSelect(in.getRightExpression());
            Expr lhs = ctx.write(in.getLeftExpression());
            value = Expr.compose(List.of(lhs), p -> p.get(0) + (in.isNot() ? " NOT IN (" : " IN (") + SubqueryValue.PLACEHOLDER + ")");
        } else if (sublink instanceof BinaryExpression b && b.getRightExpression() instanceof AnyComparisonExpression any) {
            select = any.getSelect();
            Expr lhs = ctx.write(b.getLeftExpression());
            value = Expr.compose(List.of(lhs), p -> p.get(0) + " " + b.getStringExpression() + " " + any.getAnyType()
                    + " (" + SubqueryValue.PLACEHOLDER + ")");
        } else {
            throw new UnsupportedConstruct("subquery of kind " + sublink.getClass().getSimpleName());
        }
        Subplan plan = subplan(select, ctx.scope(), ctx.ctes(), ctx.current());
        ColumnId id = query.ids().next("subquery");
        ctx.replaceCurrent(new SubqueryValue(ctx.current(), plan, value, id));
        return Expr.column(id);
    }

    static Select asSelect(Expression e) {
        if (e instanceof ParenthesedSelect ps) {
            return ps.getSelect();
        }
        if (e instanceof Select s) {
            return s;
        }
        throw new UnsupportedConstruct("a subquery expected, found " + e);
    }

    /**
     * The subplan of a subquery evaluated per row of {@code outer}, whose columns are the only outer
     * columns it may read.
     */
    Subplan subplan(Select select, Scope outerScope, Ctes ctes, Operator outer) {
        Select inner = select instanceof ParenthesedSelect ps ? ps.getSelect() : select;
        if (!(inner instanceof PlainSelect ps) || (inner.getWithItemsList() != null && !inner.getWithItemsList().isEmpty())) {
            // Set operations and WITH inside a subquery: fine when it reads nothing of the outer row.
            Translated whole = uncorrelated(inner, ctes);
            return new Subplan(whole.op(), List.of(), List.of(), whole.op().columns().stream().map(Expr::column).toList(),
                    List.of(), List.of(), List.of(), "", false);
        }
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            throw new UnsupportedConstruct("DISTINCT ON in a subquery");
        }
        Scope scope = new Scope(outerScope);
        Ctes inCtes = query.withClause(inner, ctes);
        Operator body;
        try {
            body = new FromTranslator(query).from(ps.getFromItem(), ps.getJoins(), scope, inCtes);
        } catch (SQLException e) {
            throw new UnsupportedConstruct("a subquery whose relations cannot be read (" + e.getMessage() + ")");
        }
        List<Expression> local = new ArrayList<>();
        List<Expression> correlated = new ArrayList<>();
        if (ps.getWhere() != null) {
            for (Expression c : QueryTranslator.conjuncts(ps.getWhere())) {
                (readsOuter(c, scope) ? correlated : local).add(c);
            }
        }
        if (!local.isEmpty()) {
            body = new WhereTranslator(query).apply(body, local, scope, inCtes);
        }
        ExprWriter.Resolver anywhere = new ExprWriter.Resolver() {
            @Override
            public ColumnId column(Column column) {
                ColumnId id = QueryTranslator.resolveColumn(scope, column);
                if (!scope.isLocal(id) && !outer.columns().contains(id)) {
                    throw new UnsupportedConstruct("a subquery that reads a column of a query further out (" + column + ")");
                }
                return id;
            }
        };
        List<Expr> correlation = new ArrayList<>();
        List<Subplan.KeyPair> keys = new ArrayList<>();
        for (Expression c : correlated) {
            correlation.add(ExprWriter.write(c, anywhere));
            keyPair(c, scope, anywhere).ifPresent(keys::add);
        }
        List<Expr> items = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns
                    || item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllTableColumns) {
                for (Scope.Entry e : scope.entries()) {
                    e.columns().values().forEach(id -> items.add(Expr.column(id)));
                }
            } else {
                items.add(ExprWriter.write(item.getExpression(), anywhere));
            }
        }
        List<Expr> groupBy = new ArrayList<>();
        if (ps.getGroupBy() != null) {
            if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
                throw new UnsupportedConstruct("GROUPING SETS in a subquery");
            }
            if (ps.getGroupBy().getGroupByExpressionList() != null) {
                for (Object g : ps.getGroupBy().getGroupByExpressionList()) {
                    groupBy.add(ExprWriter.write((Expression) g, anywhere));
                }
            }
        }
        List<Expr> having = new ArrayList<>();
        if (ps.getHaving() != null) {
            for (Expression h : QueryTranslator.conjuncts(ps.getHaving())) {
                having.add(ExprWriter.write(h, anywhere));
            }
        }
        List<Expr> orderBy = new ArrayList<>();
        if (inner.getOrderByElements() != null) {
            for (OrderByElement o : inner.getOrderByElements()) {
                orderBy.add(QueryTranslator.ordered(ExprWriter.write(o.getExpression(), anywhere), o));
            }
        }
        return new Subplan(body, correlation, keys, items, groupBy, having, orderBy, QueryTranslator.limitText(inner).orElse(""),
                ps.getDistinct() != null);
    }

    private Translated uncorrelated(Select inner, Ctes ctes) {
        try {
            return query.select(inner, null, ctes);
        } catch (SQLException e) {
            throw new UnsupportedConstruct("a subquery whose relations cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Whether a conjunct reads a column of an enclosing query. */
    static boolean readsOuter(Expression e, Scope local) {
        boolean[] outer = new boolean[1];
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                if (column.getTable() == null && ExprWriter.isKeywordFunction(column.getColumnName())) {
                    return null;
                }
                String col = Names.normalize(column.getColumnName());
                String table = column.getTable() == null || column.getTable().getName() == null ? null
                        : Names.normalize(column.getTable().getName());
                String schema = column.getTable() == null || column.getTable().getSchemaName() == null ? null
                        : Names.normalize(column.getTable().getSchemaName());
                if (local.resolve(schema, table, col).isEmpty()) {
                    outer[0] = true;
                }
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                return null;
            }
        }, null);
        return outer[0];
    }

    /** {@code inner = outer} (either way round) as a key pair. */
    private static Optional<Subplan.KeyPair> keyPair(Expression c, Scope local, ExprWriter.Resolver anywhere) {
        if (!(c instanceof EqualsTo eq)) {
            return Optional.empty();
        }
        boolean leftOuter = readsOuter(eq.getLeftExpression(), local);
        boolean rightOuter = readsOuter(eq.getRightExpression(), local);
        boolean leftLocal = readsLocal(eq.getLeftExpression(), local);
        boolean rightLocal = readsLocal(eq.getRightExpression(), local);
        if (leftLocal && !leftOuter && rightOuter && !rightLocal) {
            return Optional.of(new Subplan.KeyPair(ExprWriter.write(eq.getLeftExpression(), anywhere),
                    ExprWriter.write(eq.getRightExpression(), anywhere)));
        }
        if (rightLocal && !rightOuter && leftOuter && !leftLocal) {
            return Optional.of(new Subplan.KeyPair(ExprWriter.write(eq.getRightExpression(), anywhere),
                    ExprWriter.write(eq.getLeftExpression(), anywhere)));
        }
        return Optional.empty();
    }

    private static boolean readsLocal(Expression e, Scope local) {
        boolean[] found = new boolean[1];
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                String col = Names.normalize(column.getColumnName());
                String table = column.getTable() == null || column.getTable().getName() == null ? null
                        : Names.normalize(column.getTable().getName());
                String schema = column.getTable() == null || column.getTable().getSchemaName() == null ? null
                        : Names.normalize(column.getTable().getSchemaName());
                if (local.resolve(schema, table, col).isPresent()) {
                    found[0] = true;
                }
                return null;
            }
        }, null);
        return found[0];
    }

    /**
     * The right side of a semi- or anti-join for a sublink in WHERE: the subquery's body (FROM and
     * uncorrelated WHERE) with the correlation conjuncts as join conditions, and the select list as
     * expressions over the body — or, for a subquery with GROUP BY, DISTINCT, LIMIT or aggregates
     * that does not read the outer row, the whole subquery. Empty when neither applies.
     */
    Optional<SemiInput> semiInput(Select select, Scope outerScope, Ctes ctes, Operator outer) {
        Select inner = select instanceof ParenthesedSelect ps ? ps.getSelect() : select;
        boolean simple = inner instanceof PlainSelect ps && ps.getGroupBy() == null && ps.getHaving() == null
                && ps.getDistinct() == null && inner.getLimit() == null && inner.getOffset() == null && inner.getFetch() == null
                && (inner.getWithItemsList() == null || inner.getWithItemsList().isEmpty()) && !aggregates(ps);
        if (simple) {
            Subplan plan = subplan(inner, outerScope, ctes, outer);
            return Optional.of(new SemiInput(plan.body(), plan.correlation(), plan.items()));
        }
        Scope probe = new Scope(outerScope);
        if (inner instanceof PlainSelect ps && ps.getWhere() != null
                && QueryTranslator.conjuncts(ps.getWhere()).stream().anyMatch(c -> readsOuterLoosely(c, ps, probe, ctes))) {
            return Optional.empty();
        }
        Translated whole = uncorrelated(inner, ctes);
        return Optional.of(new SemiInput(whole.op(), List.of(), whole.op().columns().stream().map(Expr::column).toList()));
    }

    /** A conservative test for correlation in a subquery not translated yet: a reference outside its FROM. */
    private boolean readsOuterLoosely(Expression c, PlainSelect ps, Scope scope, Ctes ctes) {
        Scope local = new Scope();
        try {
            new FromTranslator(query).from(ps.getFromItem(), ps.getJoins(), local, query.withClause(ps, ctes));
        } catch (SQLException | RuntimeException e) {
            return true;
        }
        return readsOuter(c, local);
    }

    private boolean aggregates(PlainSelect ps) {
        try {
            var names = query.catalog().aggregateNames();
            for (SelectItem<?> item : ps.getSelectItems()) {
                boolean[] found = new boolean[1];
                item.getExpression().accept(new ExpressionVisitorAdapter<Void>() {
                    @Override
                    public <S> Void visit(net.sf.jsqlparser.expression.Function f, S context) {
                        if (names.contains(f.getName().toLowerCase(Locale.ROOT))) {
                            found[0] = true;
                        }
                        return super.visit(f, context);
                    }
                }, null);
                if (found[0]) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /** The right side of a semi-join: an operator, the correlation conditions, the select list over it. */
    record SemiInput(Operator right, List<Expr> correlation, List<Expr> items) {
    }
}
