package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SetOpKind;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Window;
import io.trickle.engine.sql.ParserWords;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Turns a defining query into an operator tree. PostgreSQL has already accepted the query (it was
 * probed), so anything this translator cannot follow is reported as an {@link UnsupportedConstruct}
 * naming the construct: AUTO then refreshes the table in full and says why; DIFFERENTIAL refuses.
 * One translator per derivation: column ids are unique across the tree it builds.
 *
 * <p>A SELECT is translated in PostgreSQL's order of evaluation: FROM, WHERE, GROUP BY and
 * aggregates, HAVING, window functions, DISTINCT ON, ORDER BY with LIMIT (a top-k), the select list,
 * DISTINCT; set operations combine whole SELECTs, INTERSECT binding tighter than UNION and EXCEPT.
 */
public final class QueryTranslator {

    private final RelationCatalog catalog;
    private final IdFactory ids = new IdFactory();

    private QueryTranslator(RelationCatalog catalog) {
        this.catalog = catalog;
    }

    /** The operator tree of {@code sql}; its columns are the query's output columns in order. */
    public static Operator translate(String sql, RelationCatalog catalog) throws SQLException {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(ParserWords.quoteNames(sql), parser -> parser.withTimeOut(10_000));
        } catch (JSQLParserException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            String first = why == null ? "parse error" : why.lines().findFirst().orElse(why);
            // The parser's message comes wrapped in its exception's class name, which tells a DBA nothing.
            first = first.replaceFirst("^(\\S+Exception: )+", "").replaceFirst(", in lexical state \\w+\\.?$", "");
            throw new UnsupportedConstruct("syntax the differential engine's parser does not know (" + first + ")");
        }
        if (!(statement instanceof Select select)) {
            throw new UnsupportedConstruct("a statement other than SELECT");
        }
        return new QueryTranslator(catalog).select(select, null, Ctes.none()).op();
    }

    RelationCatalog catalog() {
        return catalog;
    }

    IdFactory ids() {
        return ids;
    }

    /**
     * A whole SELECT (with its WITH, set operations, ORDER BY and LIMIT). {@code outer} is the scope
     * of the enclosing query for a correlated subquery, or null.
     */
    Translated select(Select select, Scope outer, Ctes ctes) throws SQLException {
        if (select.getForClause() != null || select.getForMode() != null) {
            throw new UnsupportedConstruct("FOR UPDATE/SHARE");
        }
        Ctes inner = withClause(select, ctes);
        if (select instanceof PlainSelect ps) {
            return plain(ps, outer, inner);
        }
        if (select instanceof SetOperationList sol) {
            return topOfOutput(setOperations(sol, outer, inner), sol);
        }
        if (select instanceof ParenthesedSelect ps) {
            return topOfOutput(select(ps.getSelect(), outer, inner), ps);
        }
        throw new UnsupportedConstruct(select.getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("statement", "")
                + " as a query");
    }

    /** The CTEs a SELECT's WITH clause adds to those visible around it. */
    Ctes withClause(Select select, Ctes ctes) {
        List<WithItem<?>> items = select.getWithItemsList();
        if (items == null || items.isEmpty()) {
            return ctes;
        }
        Ctes c = ctes;
        for (WithItem<?> item : items) {
            String name = Names.normalize(item.getAlias().getName());
            c = c.define(name, item, item.isRecursive() && readsItself(item, name));
        }
        return c;
    }

    /** Under WITH RECURSIVE, only an item whose body names itself is recursive. */
    private static boolean readsItself(WithItem<?> item, String name) {
        if (item.getSelect() == null) {
            return false;
        }
        try {
            return new TablesNamesFinder<Void>().getTables((Statement) item.getSelect()).stream()
                    .anyMatch(t -> Names.normalize(t).equals(name));
        } catch (RuntimeException e) {
            return true;
        }
    }

    private Translated plain(PlainSelect ps, Scope outer, Ctes ctes) throws SQLException {
        NamedWindows.inline(ps);
        if (ps.getQualify() != null || ps.getTop() != null) {
            throw new UnsupportedConstruct("QUALIFY/TOP");
        }
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            throw new UnsupportedConstruct("SELECT INTO");
        }
        Scope scope = new Scope(outer);
        Operator input = new FromTranslator(this).from(ps.getFromItem(), ps.getJoins(), scope, ctes);
        if (ps.getWhere() != null) {
            input = new WhereTranslator(this).apply(input, conjuncts(ps.getWhere()), scope, ctes);
        }
        List<SelectItem<?>> items = expandStars(ps.getSelectItems(), scope);
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : items) {
            names.add(item.getExpression() instanceof ProjectedColumn pc ? pc.name() : OutputNames.of(item));
        }
        List<OrderByElement> orderBy = ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements();
        AggregateTranslator aggregation = new AggregateTranslator(this, scope, ctes, ps, items);
        ExprContext ctx;
        if (aggregation.isAggregating()) {
            ctx = aggregation.translate(input, orderBy);
            if (ps.getHaving() != null) {
                List<Expr> having = new ArrayList<>();
                for (Expression c : conjuncts(ps.getHaving())) {
                    having.add(ctx.write(c));
                }
                ctx.replaceCurrent(new Filter(ctx.current(), having));
            }
        } else {
            ctx = ExprContext.over(this, scope, ctes, input);
        }
        List<Expr> outputs = new ArrayList<>();
        for (SelectItem<?> item : items) {
            outputs.add(item.getExpression() instanceof ProjectedColumn pc ? Expr.column(ctx.projected(pc.id()))
                    : ctx.write(item.getExpression()));
        }
        boolean distinctOn = ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null;
        boolean distinct = ps.getDistinct() != null && !distinctOn;
        Optional<String> limit = limitText(ps);
        if (limit.isPresent() && orderBy.isEmpty()) {
            throw new UnsupportedConstruct("LIMIT/OFFSET without ORDER BY (which rows it keeps is not determined)");
        }
        // ORDER BY is needed before the projection by DISTINCT ON and by a top-k over the input rows.
        List<Expr> order = new ArrayList<>();
        if (distinctOn || (limit.isPresent() && !distinct)) {
            for (OrderByElement o : orderBy) {
                order.add(itemOrWrite(o.getExpression(), names, outputs, ctx));
            }
        }
        List<Expr> on = new ArrayList<>();
        if (distinctOn) {
            for (SelectItem<?> item : ps.getDistinct().getOnSelectItems()) {
                on.add(itemOrWrite(item.getExpression(), names, outputs, ctx));
            }
        }
        ctx.withWindows();
        if (distinctOn) {
            ctx.replaceCurrent(firstPerGroup(ctx.current(), on, order, orderBy));
        }
        if (limit.isPresent() && !distinct) {
            List<Expr> directed = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                directed.add(ordered(order.get(i), orderBy.get(i)));
            }
            ctx.replaceCurrent(new TopK(ctx.current(), directed, limit.get()));
        }
        Operator result = project(ctx.current(), outputs, names);
        if (distinct) {
            result = new Distinct(result);
            if (limit.isPresent()) {
                result = new TopK(result, outputOrder(orderBy, new Translated(result, names), items, outputs), limit.get());
            }
        }
        return new Translated(result, names);
    }

    /**
     * DISTINCT ON (e…) keeps the first row of each group in ORDER BY order: the rows numbered 1 by
     * {@code row_number() OVER (PARTITION BY e… ORDER BY …)}, recomputed per affected group.
     */
    private Operator firstPerGroup(Operator input, List<Expr> on, List<Expr> order, List<OrderByElement> orderBy) {
        List<Expr> parts = new ArrayList<>(on);
        parts.addAll(order);
        Expr call = Expr.compose(parts, p -> {
            List<String> sorted = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                sorted.add(p.get(on.size() + i) + direction(orderBy.get(i)));
            }
            return "row_number() OVER (PARTITION BY " + String.join(", ", p.subList(0, on.size()))
                    + (sorted.isEmpty() ? "" : " ORDER BY " + String.join(", ", sorted)) + ")";
        });
        ColumnId rn = ids.next("distinct_on_rank");
        Operator numbered = new Window(input, List.of(new NamedExpr(rn, call)), on);
        return new Filter(numbered, List.of(Expr.compose(List.of(Expr.column(rn)), p -> p.get(0) + " = 1")));
    }

    /**
     * An ORDER BY or DISTINCT ON expression: an output column by position or name (PostgreSQL looks
     * at output names first), or an expression over the input.
     */
    private Expr itemOrWrite(Expression e, List<String> names, List<Expr> outputs, ExprContext ctx) {
        Optional<Integer> position = outputPosition(e, names);
        if (position.isPresent()) {
            return outputs.get(position.get());
        }
        return ctx.write(e);
    }

    /** The output column an ORDER BY item names: {@code ORDER BY 2} or {@code ORDER BY total}. */
    private static Optional<Integer> outputPosition(Expression e, List<String> names) {
        if (e instanceof LongValue ordinal) {
            int n = (int) ordinal.getValue();
            if (n < 1 || n > names.size()) {
                throw new UnsupportedConstruct("ORDER BY position " + n);
            }
            return Optional.of(n - 1);
        }
        if (e instanceof Column c && c.getTable() == null) {
            int i = names.indexOf(Names.normalize(c.getColumnName()));
            if (i >= 0) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** ORDER BY over a query's output columns (after DISTINCT or a set operation). */
    private List<Expr> outputOrder(List<OrderByElement> orderBy, Translated t, List<SelectItem<?>> items, List<Expr> outputs) {
        List<Expr> order = new ArrayList<>();
        for (OrderByElement o : orderBy) {
            Optional<Integer> position = outputPosition(o.getExpression(), t.names());
            if (position.isEmpty() && outputs != null) {
                // An expression that is one of the select items (required under DISTINCT).
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i).getExpression() instanceof ProjectedColumn)
                            && items.get(i).getExpression().toString().equals(o.getExpression().toString())) {
                        position = Optional.of(i);
                        break;
                    }
                }
            }
            int i = position.orElseThrow(() -> new UnsupportedConstruct("ORDER BY " + o.getExpression()
                    + " over a DISTINCT or set operation result, other than an output column"));
            order.add(ordered(Expr.column(t.op().columns().get(i)), o));
        }
        return order;
    }

    /** ORDER BY and LIMIT around a set operation or a parenthesized query: a top-k over its output. */
    private Translated topOfOutput(Translated t, Select s) {
        Optional<String> limit = limitText(s);
        if (limit.isEmpty()) {
            return t;
        }
        List<OrderByElement> orderBy = s.getOrderByElements() == null ? List.of() : s.getOrderByElements();
        if (orderBy.isEmpty()) {
            throw new UnsupportedConstruct("LIMIT/OFFSET without ORDER BY (which rows it keeps is not determined)");
        }
        return new Translated(new TopK(t.op(), outputOrder(orderBy, t, List.of(), null), limit.get()), t.names());
    }

    /** The LIMIT/OFFSET/FETCH of a SELECT as SQL, when it limits anything. */
    static Optional<String> limitText(Select s) {
        StringBuilder sb = new StringBuilder();
        if (s.getLimit() != null && !s.getLimit().isLimitAll() && !s.getLimit().isLimitNull()) {
            sb.append(s.getLimit().toString().strip());
        }
        if (s.getOffset() != null) {
            sb.append(' ').append(s.getOffset().toString().strip());
        }
        if (s.getFetch() != null) {
            sb.append(' ').append(s.getFetch().toString().strip());
        }
        String text = sb.toString().strip();
        if (text.toLowerCase(Locale.ROOT).contains("select")) {
            throw new UnsupportedConstruct("a LIMIT or OFFSET computed by a subquery");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** An ORDER BY item as SQL: the expression with its direction and NULLS placement. */
    static Expr ordered(Expr e, OrderByElement o) {
        String suffix = direction(o);
        return suffix.isEmpty() ? e : Expr.compose(List.of(e), p -> p.get(0) + suffix);
    }

    private static String direction(OrderByElement o) {
        return (o.isAscDescPresent() ? (o.isAsc() ? " ASC" : " DESC") : "")
                + (o.getNullOrdering() == null ? "" : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST
                ? " NULLS FIRST" : " NULLS LAST");
    }

    /** The select list over {@code input}, reusing an input column's id for a bare reference to it. */
    private Operator project(Operator input, List<Expr> outputs, List<String> names) {
        List<NamedExpr> named = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Expr expr = outputs.get(i);
            Optional<ColumnId> bare = expr.asColumn();
            ColumnId id = bare.isPresent() && input.columns().contains(bare.get())
                    && named.stream().noneMatch(o -> o.id().equals(bare.get()))
                    ? bare.get() : ids.next(names.get(i));
            named.add(new NamedExpr(id, expr));
        }
        return new Project(input, named);
    }

    /** Resolves column references against the FROM items of the current SELECT and the enclosing ones. */
    ExprWriter.Resolver inputResolver(Scope scope) {
        return column -> resolveColumn(scope, column);
    }

    static ColumnId resolveColumn(Scope scope, Column column) {
        String col = Names.normalize(column.getColumnName());
        String table = column.getTable() == null || column.getTable().getName() == null ? null
                : Names.normalize(column.getTable().getName());
        String schema = column.getTable() == null || column.getTable().getSchemaName() == null ? null
                : Names.normalize(column.getTable().getSchemaName());
        return scope.resolveAnywhere(schema, table, col).orElseThrow(() -> new UnsupportedConstruct(
                "column reference " + column + " that the differential engine cannot resolve"));
    }

    /** {@code *} and {@code t.*} become one item per column, in FROM order. */
    private List<SelectItem<?>> expandStars(List<SelectItem<?>> items, Scope scope) {
        List<SelectItem<?>> out = new ArrayList<>();
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns atc) {
                String table = Names.normalize(atc.getTable().getName());
                String schema = atc.getTable().getSchemaName() == null ? null : Names.normalize(atc.getTable().getSchemaName());
                Scope.Entry entry = scope.entry(schema, table)
                        .orElseThrow(() -> new UnsupportedConstruct("cannot resolve " + atc));
                entry.columns().forEach((name, id) -> out.add(new SelectItem<>(new ProjectedColumn(id, name))));
            } else if (e instanceof AllColumns) {
                scope.starColumns().forEach(c -> out.add(new SelectItem<>(new ProjectedColumn(c.getValue(), c.getKey()))));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * A chain of set operations. The parser gives them flat and left to right; INTERSECT binds
     * tighter than UNION and EXCEPT, so runs of INTERSECT are combined first.
     */
    private Translated setOperations(SetOperationList sol, Scope outer, Ctes ctes) throws SQLException {
        List<Select> selects = sol.getSelects();
        List<SetOperation> operations = sol.getOperations();
        List<Translated> terms = new ArrayList<>();
        List<SetOperation> between = new ArrayList<>();
        Translated acc = select(selects.get(0), outer, ctes);
        for (int i = 0; i < operations.size(); i++) {
            Translated next = select(selects.get(i + 1), outer, ctes);
            if (operations.get(i) instanceof IntersectOp) {
                acc = combine(acc, operations.get(i), next);
            } else {
                terms.add(acc);
                between.add(operations.get(i));
                acc = next;
            }
        }
        terms.add(acc);
        Translated result = terms.get(0);
        for (int i = 0; i < between.size(); i++) {
            result = combine(result, between.get(i), terms.get(i + 1));
        }
        return result;
    }

    private Translated combine(Translated left, SetOperation op, Translated right) {
        if (right.names().size() != left.names().size()) {
            throw new UnsupportedConstruct("set operation branches with different numbers of columns");
        }
        List<ColumnId> columns = new ArrayList<>();
        for (String name : left.names()) {
            columns.add(ids.next(name));
        }
        Operator result;
        if (op instanceof UnionOp union) {
            List<Operator> branches = new ArrayList<>(left.op() instanceof UnionAll u ? u.branches() : List.of(left.op()));
            branches.add(right.op());
            result = new UnionAll(branches, columns);
            if (!union.isAll()) {
                result = new Distinct(result);
            }
        } else if (op instanceof IntersectOp intersect) {
            result = new SetOp(SetOpKind.INTERSECT, intersect.isAll(), left.op(), right.op(), columns);
        } else if (op instanceof ExceptOp except) {
            result = new SetOp(SetOpKind.EXCEPT, except.isAll(), left.op(), right.op(), columns);
        } else if (op instanceof MinusOp minus) {
            result = new SetOp(SetOpKind.EXCEPT, minus.isAll(), left.op(), right.op(), columns);
        } else {
            throw new UnsupportedConstruct(op.toString().strip().toUpperCase(Locale.ROOT));
        }
        return new Translated(result, left.names());
    }

    /** Top-level AND conjuncts of a condition, parentheses removed. */
    static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expression e, List<Expression> out) {
        if (e instanceof AndExpression and) {
            collect(and.getLeftExpression(), out);
            collect(and.getRightExpression(), out);
        } else if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1 && p.get(0) instanceof AndExpression) {
            collect(p.get(0), out);
        } else {
            out.add(e);
        }
    }
}
