package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.AggregateKind;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * GROUP BY, aggregates and HAVING → Aggregate, Filter and Project. Above the Aggregate, an
 * expression may only read grouping keys and aggregates (as PostgreSQL requires); a column of a
 * table whose primary key is grouped is functionally dependent on it and becomes an extra key.
 */
final class AggregateTranslator {

    private final QueryTranslator query;
    private final Scope scope;
    private final PlainSelect select;
    private final List<SelectItem<?>> items;
    private final Set<String> aggregateNames;
    private final List<NamedExpr> keys = new ArrayList<>();
    private final Map<String, AggregateCall> aggregates = new LinkedHashMap<>();

    AggregateTranslator(QueryTranslator query, Scope scope, PlainSelect select, List<SelectItem<?>> items)
            throws SQLException {
        this.query = query;
        this.scope = scope;
        this.select = select;
        this.items = items;
        this.aggregateNames = query.catalog().aggregateNames();
    }

    boolean isAggregating() {
        if (select.getGroupBy() != null || select.getHaving() != null) {
            return true;
        }
        for (SelectItem<?> item : items) {
            if (!(item.getExpression() instanceof ProjectedColumn) && !findAggregates(item.getExpression()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    Operator translate(Operator input, List<String> names) {
        ExprWriter.Resolver inputResolver = query.inputResolver(scope);
        if (select.getGroupBy() != null) {
            if (select.getGroupBy().getGroupingSets() != null && !select.getGroupBy().getGroupingSets().isEmpty()) {
                throw new UnsupportedConstruct("GROUPING SETS/ROLLUP/CUBE");
            }
            ExpressionList<?> list = select.getGroupBy().getGroupByExpressionList();
            if (list != null) {
                for (Expression e : list) {
                    addKey(groupExpression(e), inputResolver);
                }
            }
        }
        List<Expression> withAggregates = new ArrayList<>();
        for (SelectItem<?> item : items) {
            if (!(item.getExpression() instanceof ProjectedColumn)) {
                withAggregates.add(item.getExpression());
            }
        }
        if (select.getHaving() != null) {
            withAggregates.add(select.getHaving());
        }
        for (Expression e : withAggregates) {
            for (Expression call : findAggregates(e)) {
                aggregates.computeIfAbsent(call.toString(), text -> aggregateCall(call, inputResolver));
            }
        }
        ExprWriter.Resolver output = outputResolver(inputResolver);
        // Translate what reads the aggregate first: it may add functionally dependent keys.
        List<Expr> having = new ArrayList<>();
        if (select.getHaving() != null) {
            for (Expression c : QueryTranslator.conjuncts(select.getHaving())) {
                having.add(ExprWriter.write(c, output));
            }
        }
        List<SelectItem<?>> resolvedItems = new ArrayList<>();
        for (SelectItem<?> item : items) {
            if (item.getExpression() instanceof ProjectedColumn pc) {
                ColumnId key = keyFor(pc.id());
                resolvedItems.add(new SelectItem<>(new ProjectedColumn(key, pc.name())));
            } else {
                resolvedItems.add(item);
            }
        }
        List<Expr> outputs = new ArrayList<>();
        for (SelectItem<?> item : resolvedItems) {
            outputs.add(item.getExpression() instanceof ProjectedColumn pc ? Expr.column(pc.id())
                    : ExprWriter.write(item.getExpression(), output));
        }
        Operator result = new Aggregate(input, keys, List.copyOf(aggregates.values()));
        if (!having.isEmpty()) {
            result = new Filter(result, having);
        }
        return reproject(result, outputs, names);
    }

    /** Builds the final projection, reusing key and aggregate ids for bare references. */
    private Operator reproject(Operator input, List<Expr> outputs, List<String> names) {
        List<NamedExpr> fixed = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Expr e = outputs.get(i);
            Optional<ColumnId> bare = e.asColumn();
            ColumnId id = bare.isPresent() && fixed.stream().noneMatch(o -> o.id().equals(bare.get()))
                    ? bare.get() : query.ids().next(names.get(i));
            fixed.add(new NamedExpr(id, e));
        }
        return new io.trickle.engine.dvm.op.Project(input, fixed);
    }

    /** GROUP BY 2 and GROUP BY alias mean a SELECT item; anything else is an expression over the input. */
    private Expression groupExpression(Expression e) {
        if (e instanceof LongValue ordinal) {
            int n = (int) ordinal.getValue();
            if (n < 1 || n > items.size()) {
                throw new UnsupportedConstruct("GROUP BY position " + n);
            }
            Expression item = items.get(n - 1).getExpression();
            if (item instanceof ProjectedColumn) {
                throw new UnsupportedConstruct("GROUP BY position of a * column");
            }
            return item;
        }
        if (e instanceof Column c && c.getTable() == null) {
            String name = Names.normalize(c.getColumnName());
            boolean isInput = scope.resolve(null, null, name).isPresent();
            if (!isInput) {
                for (SelectItem<?> item : items) {
                    if (item.getAlias() != null && Names.normalize(item.getAlias().getName()).equals(name)) {
                        return item.getExpression();
                    }
                }
            }
        }
        return e;
    }

    private ColumnId addKey(Expression e, ExprWriter.Resolver inputResolver) {
        Expr expr = e instanceof ProjectedColumn pc ? Expr.column(pc.id()) : ExprWriter.write(e, inputResolver);
        return addKey(expr, e instanceof Column c ? Names.normalize(c.getColumnName()) : "group");
    }

    private ColumnId addKey(Expr expr, String hint) {
        for (NamedExpr k : keys) {
            if (sameExpression(k.expr(), expr)) {
                return k.id();
            }
        }
        ColumnId id = expr.asColumn().orElseGet(() -> query.ids().next(hint));
        keys.add(new NamedExpr(id, expr));
        return id;
    }

    private ExprWriter.Resolver outputResolver(ExprWriter.Resolver inputResolver) {
        return new ExprWriter.Resolver() {
            @Override
            public ColumnId column(Column column) {
                return keyFor(QueryTranslator.resolveColumn(scope, column));
            }

            @Override
            public Optional<Expr> whole(Expression expression) {
                AggregateCall agg = aggregates.get(expression.toString());
                if (agg != null && isAggregateCall(expression)) {
                    return Optional.of(Expr.column(agg.id()));
                }
                if (expression instanceof Column) {
                    return Optional.empty();
                }
                Expr candidate;
                try {
                    candidate = ExprWriter.write(expression, inputResolver);
                } catch (UnsupportedConstruct notAnInputExpression) {
                    return Optional.empty();
                }
                for (NamedExpr k : keys) {
                    if (sameExpression(k.expr(), candidate)) {
                        return Optional.of(Expr.column(k.id()));
                    }
                }
                return Optional.empty();
            }
        };
    }

    /** The grouping key an input column is, adding it when a grouped primary key determines it. */
    private ColumnId keyFor(ColumnId input) {
        for (NamedExpr k : keys) {
            if (k.expr().asColumn().filter(input::equals).isPresent()) {
                return k.id();
            }
        }
        Optional<Scope.Entry> owner = scope.owner(input);
        if (owner.isPresent() && owner.get().relation() != null && !owner.get().relation().primaryKey().isEmpty()) {
            Scope.Entry e = owner.get();
            boolean pkGrouped = e.relation().primaryKey().stream().allMatch(pk -> {
                ColumnId pkId = e.columns().get(pk);
                return pkId != null && keys.stream().anyMatch(k -> k.expr().asColumn().filter(pkId::equals).isPresent());
            });
            if (pkGrouped) {
                return addKey(Expr.column(input), input.name());
            }
        }
        throw new UnsupportedConstruct("a column that is neither grouped nor aggregated (" + input.name() + ")");
    }

    private static boolean sameExpression(Expr a, Expr b) {
        return a.refs().equals(b.refs()) && normalized(a.template()).equals(normalized(b.template()));
    }

    /** Lower case outside string literals and quoted identifiers, without redundant spaces. */
    private static String normalized(String sql) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        boolean inIdent = false;
        for (char ch : sql.toCharArray()) {
            if (ch == '\'' && !inIdent) {
                inString = !inString;
            } else if (ch == '"' && !inString) {
                inIdent = !inIdent;
            }
            sb.append(inString || inIdent ? ch : Character.toLowerCase(ch));
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    private List<Expression> findAggregates(Expression e) {
        List<Expression> found = new ArrayList<>();
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function function, S context) {
                if (isAggregateCall(function)) {
                    found.add(function);
                    return null;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                if (isAggregateCall(a)) {
                    found.add(a);
                    return null;
                }
                return super.visit(a, context);
            }
        }, null);
        return found;
    }

    private boolean isAggregateCall(Expression e) {
        if (e instanceof Function f) {
            return aggregateNames.contains(baseName(f.getName()));
        }
        if (e instanceof AnalyticExpression a) {
            return (a.getType() == AnalyticType.FILTER_ONLY || a.getType() == AnalyticType.WITHIN_GROUP)
                    && a.getWindowElement() == null && a.getPartitionExpressionList() == null
                    && aggregateNames.contains(baseName(a.getName()));
        }
        return false;
    }

    private static String baseName(String name) {
        String n = name;
        int dot = n.lastIndexOf('.');
        if (dot >= 0) {
            n = n.substring(dot + 1);
        }
        return Names.normalize(n);
    }

    private AggregateCall aggregateCall(Expression e, ExprWriter.Resolver inputResolver) {
        ColumnId id = query.ids().next(baseName(e instanceof Function f ? f.getName() : ((AnalyticExpression) e).getName()));
        Expr call = ExprWriter.write(e, inputResolver);
        String name;
        boolean star;
        boolean distinct;
        boolean ordered;
        Expression argument = null;
        Expression filter = null;
        if (e instanceof Function f) {
            name = baseName(f.getName());
            ExpressionList<?> params = f.getParameters();
            star = f.isAllColumns() || (params != null && params.size() == 1 && params.get(0) instanceof AllColumns);
            distinct = f.isDistinct();
            ordered = f.getOrderByElements() != null && !f.getOrderByElements().isEmpty();
            if (!star && params != null && params.size() == 1) {
                argument = params.get(0);
            }
        } else {
            AnalyticExpression a = (AnalyticExpression) e;
            name = baseName(a.getName());
            star = a.isAllColumns() || a.getExpression() instanceof AllColumns;
            distinct = a.isDistinct();
            ordered = a.getType() == AnalyticType.WITHIN_GROUP
                    || (a.getFuncOrderBy() != null && !a.getFuncOrderBy().isEmpty());
            argument = star ? null : a.getExpression();
            filter = a.getFilterExpression();
        }
        AggregateKind kind = AggregateKind.OTHER;
        if (!ordered) {
            kind = switch (name.toLowerCase(Locale.ROOT)) {
                case "count" -> star ? AggregateKind.COUNT_STAR : argument != null ? AggregateKind.COUNT : AggregateKind.OTHER;
                case "sum" -> argument != null ? AggregateKind.SUM : AggregateKind.OTHER;
                case "avg" -> argument != null ? AggregateKind.AVG : AggregateKind.OTHER;
                case "min" -> argument != null ? AggregateKind.MIN : AggregateKind.OTHER;
                case "max" -> argument != null ? AggregateKind.MAX : AggregateKind.OTHER;
                default -> AggregateKind.OTHER;
            };
        }
        Expr arg = argument == null || kind == AggregateKind.OTHER ? null : ExprWriter.write(argument, inputResolver);
        Expr filt = filter == null ? null : ExprWriter.write(filter, inputResolver);
        return new AggregateCall(id, kind, call, arg, filt, distinct);
    }
}
