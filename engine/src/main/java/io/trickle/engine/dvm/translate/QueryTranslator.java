package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;

/**
 * Turns a defining query into an operator tree. PostgreSQL has already accepted the query (it was
 * probed), so anything this translator cannot follow is reported as an {@link UnsupportedConstruct}
 * naming the construct: AUTO then refreshes the table in full and says why; DIFFERENTIAL refuses.
 * One translator per derivation: column ids are unique across the tree it builds.
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
            statement = CCJSqlParserUtil.parse(sql, parser -> parser.withTimeOut(10_000));
        } catch (JSQLParserException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new UnsupportedConstruct("syntax the differential engine's parser does not know ("
                    + (why == null ? "parse error" : why.lines().findFirst().orElse(why)) + ")");
        }
        if (!(statement instanceof Select select)) {
            throw new UnsupportedConstruct("a statement other than SELECT");
        }
        return new QueryTranslator(catalog).select(select).op();
    }

    RelationCatalog catalog() {
        return catalog;
    }

    IdFactory ids() {
        return ids;
    }

    Translated select(Select select) throws SQLException {
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            throw new UnsupportedConstruct("WITH (common table expression)");
        }
        if (select.getLimit() != null || select.getOffset() != null || select.getFetch() != null) {
            throw new UnsupportedConstruct("LIMIT/OFFSET");
        }
        if (select.getForClause() != null) {
            throw new UnsupportedConstruct("FOR UPDATE/SHARE");
        }
        if (select instanceof PlainSelect ps) {
            return plain(ps);
        }
        if (select instanceof SetOperationList sol) {
            return setOperations(sol);
        }
        if (select instanceof ParenthesedSelect ps) {
            return select(ps.getSelect());
        }
        throw new UnsupportedConstruct(select.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " query");
    }

    private Translated plain(PlainSelect ps) throws SQLException {
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            throw new UnsupportedConstruct("DISTINCT ON");
        }
        if (ps.getWindowDefinitions() != null && !ps.getWindowDefinitions().isEmpty()) {
            throw new UnsupportedConstruct("WINDOW clause");
        }
        if (ps.getQualify() != null || ps.getTop() != null) {
            throw new UnsupportedConstruct("QUALIFY/TOP");
        }
        if (ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) {
            throw new UnsupportedConstruct("SELECT INTO");
        }
        Scope scope = new Scope();
        Operator input = new FromTranslator(this).from(ps.getFromItem(), ps.getJoins(), scope);
        if (ps.getWhere() != null) {
            List<Expr> where = new ArrayList<>();
            for (Expression c : conjuncts(ps.getWhere())) {
                where.add(ExprWriter.write(c, inputResolver(scope)));
            }
            input = new Filter(input, where);
        }
        List<SelectItem<?>> items = expandStars(ps.getSelectItems(), scope);
        List<String> names = new ArrayList<>();
        for (SelectItem<?> item : items) {
            names.add(item.getExpression() instanceof ProjectedColumn pc ? pc.name() : OutputNames.of(item));
        }
        Operator result;
        AggregateTranslator aggregation = new AggregateTranslator(this, scope, ps, items);
        if (aggregation.isAggregating()) {
            result = aggregation.translate(input, names);
        } else {
            result = project(input, items, names, inputResolver(scope));
        }
        if (ps.getDistinct() != null) {
            result = new Distinct(result);
        }
        return new Translated(result, names);
    }

    Operator project(Operator input, List<SelectItem<?>> items, List<String> names, ExprWriter.Resolver resolver) {
        List<NamedExpr> outputs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Expression e = items.get(i).getExpression();
            Expr expr = e instanceof ProjectedColumn pc ? Expr.column(pc.id()) : ExprWriter.write(e, resolver);
            ColumnId id = expr.asColumn().isPresent() && input.columns().contains(expr.asColumn().get())
                    && outputs.stream().noneMatch(o -> o.id().equals(expr.asColumn().get()))
                    ? expr.asColumn().get() : ids.next(names.get(i));
            outputs.add(new NamedExpr(id, expr));
        }
        return new Project(input, outputs);
    }

    /** Resolves column references against the FROM items of the current SELECT. */
    ExprWriter.Resolver inputResolver(Scope scope) {
        return column -> resolveColumn(scope, column);
    }

    static ColumnId resolveColumn(Scope scope, Column column) {
        String col = Names.normalize(column.getColumnName());
        String table = column.getTable() == null || column.getTable().getName() == null ? null
                : Names.normalize(column.getTable().getName());
        String schema = column.getTable() == null || column.getTable().getSchemaName() == null ? null
                : Names.normalize(column.getTable().getSchemaName());
        return scope.resolve(schema, table, col).orElseThrow(() -> new UnsupportedConstruct(
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
                for (Scope.Entry entry : scope.entries()) {
                    entry.columns().forEach((name, id) -> out.add(new SelectItem<>(new ProjectedColumn(id, name))));
                }
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private Translated setOperations(SetOperationList sol) throws SQLException {
        List<Select> selects = sol.getSelects();
        List<SetOperation> operations = sol.getOperations();
        if (sol.getOrderByElements() != null && (sol.getLimit() != null || sol.getOffset() != null)) {
            throw new UnsupportedConstruct("LIMIT/OFFSET");
        }
        Translated first = select(selects.get(0));
        Operator acc = first.op();
        for (int i = 0; i < operations.size(); i++) {
            SetOperation op = operations.get(i);
            if (!(op instanceof UnionOp union)) {
                throw new UnsupportedConstruct(op.toString().trim().toUpperCase(java.util.Locale.ROOT));
            }
            Translated next = select(selects.get(i + 1));
            if (next.op().columns().size() != first.names().size()) {
                throw new UnsupportedConstruct("UNION branches with different numbers of columns");
            }
            List<Operator> branches = new ArrayList<>();
            branches.addAll(acc instanceof UnionAll u ? u.branches() : List.of(acc));
            branches.add(next.op());
            List<ColumnId> columns = new ArrayList<>();
            for (String name : first.names()) {
                columns.add(ids.next(name));
            }
            acc = new UnionAll(branches, columns);
            if (!union.isAll()) {
                acc = new Distinct(acc);
            }
        }
        return new Translated(acc, first.names());
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
