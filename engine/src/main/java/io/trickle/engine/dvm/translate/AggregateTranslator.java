package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.AggregateKind;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * GROUP BY and aggregate calls → an Aggregate, and the context in which HAVING, the select list and
 * ORDER BY are written above it: there an expression may only read grouping keys and aggregates (as
 * PostgreSQL requires). A column of a table whose primary key is grouped is functionally dependent on
 * it and becomes an extra key. GROUPING SETS, ROLLUP and CUBE become a union of one Aggregate per
 * grouping set (at most {@value #MAX_GROUPING_SETS}), in which the keys a set leaves out are NULL and
 * {@code GROUPING(…)} is a constant.
 */
final class AggregateTranslator {

    static final int MAX_GROUPING_SETS = 64;

    private final QueryTranslator query;
    private final Scope scope;
    private final Ctes ctes;
    private final PlainSelect select;
    private final List<SelectItem<?>> items;
    private final Set<String> aggregateNames;
    /** The grouping keys over the input, in order; with grouping sets, the union of all sets' keys. */
    private final List<NamedExpr> keys = new ArrayList<>();
    private final Map<String, AggregateCall> aggregates = new LinkedHashMap<>();
    /** GROUPING(…) calls by their text, with grouping sets: the column holding each. */
    private final Map<String, ColumnId> groupingCalls = new LinkedHashMap<>();
    private final Map<String, Function> groupingFunctions = new LinkedHashMap<>();
    /** Output column of each key (differs from the key id only with grouping sets). */
    private final Map<ColumnId, ColumnId> keyOutputs = new LinkedHashMap<>();
    private boolean groupingSets;

    AggregateTranslator(QueryTranslator query, Scope scope, Ctes ctes, PlainSelect select, List<SelectItem<?>> items)
            throws SQLException {
        this.query = query;
        this.scope = scope;
        this.ctes = ctes;
        this.select = select;
        this.items = items;
        this.aggregateNames = query.catalog().aggregateNames();
    }

    boolean isAggregating() {
        if (select.getGroupBy() != null || select.getHaving() != null) {
            return true;
        }
        for (Expression e : readers(List.of())) {
            if (!findAggregates(e).isEmpty()) {
                return true;
            }
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement o : select.getOrderByElements()) {
                if (!findAggregates(o.getExpression()).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The expressions that are evaluated above the aggregate. */
    private List<Expression> readers(List<OrderByElement> orderBy) {
        List<Expression> out = new ArrayList<>();
        for (SelectItem<?> item : items) {
            if (!(item.getExpression() instanceof ProjectedColumn)) {
                out.add(item.getExpression());
            }
        }
        if (select.getHaving() != null) {
            out.add(select.getHaving());
        }
        for (OrderByElement o : orderBy) {
            out.add(o.getExpression());
        }
        return out;
    }

    /** The aggregate over {@code input}, as the context HAVING, the select list and ORDER BY are written in. */
    ExprContext translate(Operator input, List<OrderByElement> orderBy) {
        ExprWriter.Resolver inputResolver = query.inputResolver(scope);
        List<List<Expression>> sets = groupingSets();
        List<Expression> keyExpressions = new ArrayList<>();
        sets.forEach(set -> set.forEach(e -> {
            if (!keyExpressions.contains(e)) {
                keyExpressions.add(e);
            }
        }));
        List<List<Integer>> setIndexes = new ArrayList<>();
        for (Expression e : keyExpressions) {
            addKey(e, inputResolver);
        }
        for (List<Expression> set : sets) {
            List<Integer> indexes = new ArrayList<>();
            for (Expression e : set) {
                indexes.add(keyIndex(e, inputResolver));
            }
            setIndexes.add(indexes);
        }
        List<Expression> readers = readers(orderBy);
        if (!groupingSets) {
            addDependentKeys(readers);
        }
        for (Expression e : readers) {
            for (Expression call : findAggregates(e)) {
                aggregates.computeIfAbsent(call.toString(), text -> aggregateCall(call, inputResolver));
            }
        }
        Operator op;
        if (!groupingSets) {
            keys.forEach(k -> keyOutputs.put(k.id(), k.id()));
            op = new Aggregate(input, keys, List.copyOf(aggregates.values()));
        } else {
            for (Expression e : readers) {
                findGroupingCalls(e);
            }
            op = unionOfSets(input, setIndexes);
        }
        return new ExprContext(query, scope, ctes, op, this::outputColumn, e -> whole(e, inputResolver), this::keyFor);
    }

    /**
     * The grouping sets: one (the GROUP BY list) without GROUPING SETS, ROLLUP or CUBE; otherwise the
     * cross product of each element's sets.
     */
    private List<List<Expression>> groupingSets() {
        if (select.getGroupBy() == null) {
            return List.of(List.of());
        }
        List<List<List<Expression>>> factors = new ArrayList<>();
        ExpressionList<?> list = select.getGroupBy().getGroupByExpressionList();
        if (list != null) {
            for (Expression e : list) {
                factors.add(elementSets(e));
            }
        }
        List<ExpressionList<Expression>> explicit = select.getGroupBy().getGroupingSets();
        if (explicit != null && !explicit.isEmpty()) {
            groupingSets = true;
            List<List<Expression>> sets = new ArrayList<>();
            for (ExpressionList<Expression> set : explicit) {
                List<Expression> one = new ArrayList<>();
                for (Expression e : set) {
                    one.addAll(flatten(e));
                }
                sets.add(one);
            }
            factors.add(sets);
        }
        List<List<Expression>> product = List.of(List.of());
        for (List<List<Expression>> factor : factors) {
            List<List<Expression>> next = new ArrayList<>();
            for (List<Expression> a : product) {
                for (List<Expression> b : factor) {
                    List<Expression> both = new ArrayList<>(a);
                    both.addAll(b);
                    next.add(both);
                }
            }
            if (next.size() > MAX_GROUPING_SETS) {
                throw new UnsupportedConstruct("grouping sets expanding to more than " + MAX_GROUPING_SETS + " groupings");
            }
            product = next;
        }
        return product;
    }

    /** The grouping sets of one GROUP BY element: itself, or those of ROLLUP(…) and CUBE(…). */
    private List<List<Expression>> elementSets(Expression e) {
        if (e instanceof Function f && f.getParameters() != null && !f.isDistinct()) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (name.equals("rollup") || name.equals("cube")) {
                groupingSets = true;
                List<List<Expression>> parts = new ArrayList<>();
                for (Expression p : f.getParameters()) {
                    parts.add(flatten(p));
                }
                List<List<Expression>> sets = new ArrayList<>();
                if (name.equals("rollup")) {
                    for (int n = parts.size(); n >= 0; n--) {
                        List<Expression> set = new ArrayList<>();
                        parts.subList(0, n).forEach(set::addAll);
                        sets.add(set);
                    }
                } else {
                    if (parts.size() > 6) {
                        throw new UnsupportedConstruct("CUBE of " + parts.size() + " elements (more than "
                                + MAX_GROUPING_SETS + " groupings)");
                    }
                    for (int mask = (1 << parts.size()) - 1; mask >= 0; mask--) {
                        List<Expression> set = new ArrayList<>();
                        for (int i = 0; i < parts.size(); i++) {
                            if ((mask & (1 << i)) != 0) {
                                set.addAll(parts.get(i));
                            }
                        }
                        sets.add(set);
                    }
                }
                return sets;
            }
        }
        return List.of(flatten(e));
    }

    /** {@code (a, b)} inside a grouping construct is a composite element; {@code ()} is empty. */
    private List<Expression> flatten(Expression e) {
        if (e instanceof ParenthesedExpressionList<?> p) {
            List<Expression> out = new ArrayList<>();
            for (Expression x : p) {
                out.add(groupExpression(x));
            }
            return out;
        }
        return List.of(groupExpression(e));
    }

    /**
     * One Aggregate per grouping set, all with the same columns (every key, the GROUPING() values,
     * the aggregates), unioned.
     */
    private Operator unionOfSets(Operator input, List<List<Integer>> sets) {
        List<ColumnId> columns = new ArrayList<>();
        for (NamedExpr k : keys) {
            ColumnId out = query.ids().next(k.id().name());
            keyOutputs.put(k.id(), out);
            columns.add(out);
        }
        columns.addAll(groupingCalls.values());
        for (AggregateCall a : aggregates.values()) {
            columns.add(a.id());
        }
        List<Operator> branches = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<NamedExpr> branchKeys = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                NamedExpr k = keys.get(i);
                // A key this set leaves out is NULL of the key's type; grouping by it changes nothing.
                Expr expr = set.contains(i) ? k.expr()
                        : Expr.compose(List.of(k.expr()), p -> "CASE WHEN false THEN " + p.get(0) + " END");
                branchKeys.add(new NamedExpr(query.ids().next(k.id().name()), expr));
            }
            for (String call : groupingCalls.keySet()) {
                // A typed constant: a bare integer in GROUP BY would mean a select-list position.
                branchKeys.add(new NamedExpr(query.ids().next("grouping"),
                        Expr.constant("CAST(" + groupingValue(call, set) + " AS integer)")));
            }
            List<AggregateCall> calls = new ArrayList<>();
            for (AggregateCall a : aggregates.values()) {
                calls.add(new AggregateCall(query.ids().next(a.id().name()), a.kind(), a.call(), a.argument(), a.filter(),
                        a.distinct()));
            }
            branches.add(new Aggregate(input, branchKeys, calls));
        }
        return new UnionAll(branches, columns);
    }

    /** GROUPING(a, b, …) for a grouping set: bit i (from the right) set when argument i is not grouped. */
    private int groupingValue(String callText, List<Integer> set) {
        Function f = groupingFunctions.get(callText);
        ExprWriter.Resolver inputResolver = query.inputResolver(scope);
        int bits = 0;
        List<Expression> args = new ArrayList<>();
        f.getParameters().forEach(args::add);
        for (Expression arg : args) {
            int index = keyIndex(groupExpression(arg), inputResolver);
            bits = (bits << 1) | (set.contains(index) ? 0 : 1);
        }
        return bits;
    }

    private void findGroupingCalls(Expression e) {
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Function function, S context) {
                if (isGroupingCall(function)) {
                    String text = function.toString();
                    groupingFunctions.putIfAbsent(text, function);
                    groupingCalls.computeIfAbsent(text, t -> query.ids().next("grouping"));
                    return null;
                }
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                return null;
            }
        }, null);
    }

    private static boolean isGroupingCall(Expression e) {
        return e instanceof Function f && f.getName().equalsIgnoreCase("grouping") && f.getParameters() != null;
    }

    /** GROUP BY 2 and GROUP BY alias mean a SELECT item; anything else is an expression over the input. */
    private Expression groupExpression(Expression e) {
        if (e instanceof LongValue ordinal) {
            int n = (int) ordinal.getValue();
            if (n < 1 || n > items.size()) {
                throw new UnsupportedConstruct("GROUP BY position " + n);
            }
            return items.get(n - 1).getExpression();
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

    private Expr writeKey(Expression e, ExprWriter.Resolver inputResolver) {
        return e instanceof ProjectedColumn pc ? Expr.column(pc.id()) : ExprWriter.write(e, inputResolver);
    }

    private void addKey(Expression e, ExprWriter.Resolver inputResolver) {
        addKey(writeKey(e, inputResolver), e instanceof Column c ? Names.normalize(c.getColumnName())
                : e instanceof ProjectedColumn pc ? pc.name() : "group");
    }

    private int keyIndex(Expression e, ExprWriter.Resolver inputResolver) {
        Expr expr = writeKey(e, inputResolver);
        for (int i = 0; i < keys.size(); i++) {
            if (sameExpression(keys.get(i).expr(), expr)) {
                return i;
            }
        }
        throw new UnsupportedConstruct("a GROUPING() argument that is not a grouping expression (" + e + ")");
    }

    private ColumnId addKey(Expr expr, String hint) {
        for (NamedExpr k : keys) {
            if (sameExpression(k.expr(), expr)) {
                return k.id();
            }
        }
        ColumnId id = expr.asColumn().filter(c -> !groupingSets).orElseGet(() -> query.ids().next(hint));
        keys.add(new NamedExpr(id, expr));
        return id;
    }

    /**
     * Columns read above the aggregate that are not grouped but functionally dependent on a grouped
     * primary key become keys too (grouping by them changes nothing).
     */
    private void addDependentKeys(List<Expression> readers) {
        Set<ColumnId> read = new LinkedHashSet<>();
        for (SelectItem<?> item : items) {
            if (item.getExpression() instanceof ProjectedColumn pc) {
                read.add(pc.id());
            }
        }
        for (Expression e : readers) {
            e.accept(new ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    String col = Names.normalize(column.getColumnName());
                    String table = column.getTable() == null || column.getTable().getName() == null ? null
                            : Names.normalize(column.getTable().getName());
                    try {
                        scope.resolve(null, table, col).ifPresent(read::add);
                    } catch (UnsupportedConstruct ambiguous) {
                        // an output alias or an ambiguous name: not a dependent column
                    }
                    return null;
                }

                @Override
                public <S> Void visit(Function function, S context) {
                    return isAggregateCall(function) ? null : super.visit(function, context);
                }

                @Override
                public <S> Void visit(AnalyticExpression a, S context) {
                    return isAggregateCall(a) ? null : super.visit(a, context);
                }

                @Override
                public <S> Void visit(ParenthesedSelect select, S context) {
                    return null;
                }
            }, null);
        }
        for (ColumnId id : read) {
            if (isKeyColumn(id)) {
                continue;
            }
            Optional<Scope.Entry> owner = scope.owner(id);
            if (owner.isPresent() && owner.get().relation() != null && !owner.get().relation().primaryKey().isEmpty()) {
                Scope.Entry e = owner.get();
                boolean pkGrouped = e.relation().primaryKey().stream().allMatch(pk -> {
                    ColumnId pkId = e.columns().get(pk);
                    return pkId != null && isKeyColumn(pkId);
                });
                if (pkGrouped) {
                    addKey(Expr.column(id), id.name());
                }
            }
        }
    }

    private boolean isKeyColumn(ColumnId input) {
        return keys.stream().anyMatch(k -> k.expr().asColumn().filter(input::equals).isPresent());
    }

    /** A column reference above the aggregate: a grouping key, or a column of an enclosing query. */
    private ColumnId outputColumn(Column column) {
        ColumnId id = QueryTranslator.resolveColumn(scope, column);
        if (!scope.isLocal(id)) {
            return id;
        }
        return keyFor(id);
    }

    /** The output column of the grouping key an input column is. */
    private ColumnId keyFor(ColumnId input) {
        for (NamedExpr k : keys) {
            if (k.expr().asColumn().filter(input::equals).isPresent()) {
                return keyOutputs.get(k.id());
            }
        }
        throw new UnsupportedConstruct("a column that is neither grouped nor aggregated (" + input.name() + ")");
    }

    /** A subexpression that is an aggregate, a GROUPING() call or a grouping expression as a whole. */
    private Optional<Expr> whole(Expression expression, ExprWriter.Resolver inputResolver) {
        AggregateCall agg = aggregates.get(expression.toString());
        if (agg != null && isAggregateCall(expression)) {
            return Optional.of(Expr.column(agg.id()));
        }
        if (isGroupingCall(expression)) {
            ColumnId id = groupingCalls.get(expression.toString());
            return Optional.of(id != null ? Expr.column(id) : Expr.constant("0"));
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
                return Optional.of(Expr.column(keyOutputs.get(k.id())));
            }
        }
        return Optional.empty();
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

            @Override
            public <S> Void visit(JsonAggregateFunction json, S context) {
                found.add(json);
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                return null;
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
                    && a.getWindowElement() == null && !ExprWriter.hasPartition(a)
                    && aggregateNames.contains(baseName(a.getName()));
        }
        return e instanceof JsonAggregateFunction;
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
        Expr call = ExprWriter.write(e, inputResolver);
        if (e instanceof JsonAggregateFunction) {
            return new AggregateCall(query.ids().next("json_agg"), AggregateKind.OTHER, call, null, null, false);
        }
        ColumnId id = query.ids().next(baseName(e instanceof Function f ? f.getName() : ((AnalyticExpression) e).getName()));
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
