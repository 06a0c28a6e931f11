package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.Subplan;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.dvm.render.StateRenderer;
import io.trickle.engine.sql.ParserWords;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationCatalog;
import io.trickle.engine.sql.RelationColumn;
import io.trickle.engine.sql.RelationKind;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * FROM items and joins → scans, subqueries, CTEs, LATERAL subqueries and set-returning functions,
 * and joins, registering every item in the scope.
 */
final class FromTranslator {

    private final QueryTranslator query;
    private int anonymous;

    FromTranslator(QueryTranslator query) {
        this.query = query;
    }

    Operator from(FromItem first, List<net.sf.jsqlparser.statement.select.Join> joins, Scope scope, Ctes ctes)
            throws SQLException {
        if (first == null) {
            throw new UnsupportedConstruct("SELECT without FROM");
        }
        if (first instanceof TableFunction || first instanceof LateralSubSelect) {
            throw new UnsupportedConstruct("a set-returning function or LATERAL subquery as the first FROM item");
        }
        Operator acc = item(first, scope, ctes);
        if (joins != null) {
            for (net.sf.jsqlparser.statement.select.Join j : joins) {
                FromItem right = j.getRightItem();
                if (right instanceof TableFunction || right instanceof LateralSubSelect) {
                    acc = lateral(acc, j, scope, ctes);
                } else {
                    acc = join(acc, j, scope, ctes);
                }
            }
        }
        return acc;
    }

    private Operator item(FromItem item, Scope scope, Ctes ctes) throws SQLException {
        if (item instanceof Table table) {
            if (table.getSchemaName() == null) {
                var cte = ctes.find(Names.normalize(table.getName()));
                if (cte.isPresent()) {
                    return cteReference(cte.get(), table.getAlias(), scope);
                }
            }
            return table(table, scope);
        }
        if (item instanceof ParenthesedSelect sub) {
            if (sub.getSelect() == null) {
                throw new UnsupportedConstruct("VALUES in FROM");
            }
            return subquery(sub.getSelect(), sub.getAlias(), scope, ctes);
        }
        if (item instanceof ParenthesedFromItem nested) {
            if (nested.getFromItem() instanceof net.sf.jsqlparser.statement.select.Values values
                    && (nested.getJoins() == null || nested.getJoins().isEmpty())) {
                return values(values, nested.getAlias(), scope);
            }
            if (nested.getAlias() != null) {
                throw new UnsupportedConstruct("an aliased parenthesized join");
            }
            return from(nested.getFromItem(), nested.getJoins(), scope, ctes);
        }
        String kind = item.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        throw new UnsupportedConstruct(kind + " in FROM");
    }

    /**
     * {@code (VALUES (…), (…)) AS v(a, b)}: constant rows, columns named {@code column1…} unless the
     * alias names them, as PostgreSQL does. A value may not read a column or a subquery (PostgreSQL
     * allows neither from another FROM item here, and a subquery would change under the constant).
     */
    private Operator values(net.sf.jsqlparser.statement.select.Values values, Alias alias, Scope scope) {
        List<List<Expr>> rows = new ArrayList<>();
        ExprWriter.Resolver noColumns = column -> {
            throw new UnsupportedConstruct("a column reference inside VALUES (" + column + ")");
        };
        for (Expression row : values.getExpressions()) {
            List<Expression> items = row instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> list
                    ? new ArrayList<>(list) : row instanceof net.sf.jsqlparser.expression.RowConstructor<?> rc
                    ? new ArrayList<>(rc) : List.of(row);
            List<Expr> written = new ArrayList<>();
            for (Expression e : items) {
                written.add(ExprWriter.write(e, noColumns));
            }
            if (!rows.isEmpty() && written.size() != rows.get(0).size()) {
                throw new UnsupportedConstruct("VALUES rows of different lengths");
            }
            rows.add(written);
        }
        if (rows.isEmpty()) {
            throw new UnsupportedConstruct("an empty VALUES list");
        }
        List<String> defaults = new ArrayList<>();
        for (int i = 1; i <= rows.get(0).size(); i++) {
            defaults.add("column" + i);
        }
        List<String> names = aliasColumns(alias, defaults);
        String name = alias != null ? Names.normalize(alias.getName()) : "values_" + (++anonymous);
        List<ColumnId> columns = new ArrayList<>();
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (String n : names) {
            ColumnId id = query.ids().next(name + "_" + n);
            columns.add(id);
            byName.putIfAbsent(n, id);
        }
        scope.add(new Scope.Entry(name, null, true, byName));
        return new io.trickle.engine.dvm.op.Values(columns, rows);
    }

    private Operator table(Table table, Scope scope) throws SQLException {
        if (table.getSampleClause() != null) {
            throw new UnsupportedConstruct("TABLESAMPLE");
        }
        Relation r = query.catalog().byName(table.getFullyQualifiedName())
                .orElseThrow(() -> new UnsupportedConstruct("cannot resolve relation " + table.getFullyQualifiedName()));
        if (r.kind() == RelationKind.VIEW) {
            return view(r, table.getAlias(), scope);
        }
        r.kind().uncapturedBecause().ifPresent(why -> {
            throw new UnsupportedConstruct(r.qualifiedName() + ", " + why + ", whose changes cannot be captured");
        });
        Alias alias = table.getAlias();
        String name = alias != null ? Names.normalize(alias.getName()) : r.name();
        List<RelationColumn> cols = r.visibleColumns();
        List<String> renamed = aliasColumns(alias, cols.stream().map(RelationColumn::name).toList());
        List<Scan.ScanColumn> scanColumns = new ArrayList<>();
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            ColumnId id = query.ids().next(name + "_" + cols.get(i).name());
            scanColumns.add(new Scan.ScanColumn(id, cols.get(i).name()));
            byName.put(renamed.get(i), id);
        }
        scope.add(new Scope.Entry(name, r, alias != null, byName));
        return new Scan(r, name, scanColumns);
    }

    /**
     * A user view is expanded into its definition, a subquery over the relations beneath it, whose
     * changes are captured; the view's own definition is watched for redefinition (see
     * {@code DependencyRepository.FINGERPRINT_SQL}). The definition sees none of the query's CTEs.
     */
    private Operator view(Relation view, Alias alias, Scope scope) throws SQLException {
        String definition = query.catalog().viewDefinition(view.oid());
        net.sf.jsqlparser.statement.Statement parsed;
        try {
            parsed = CCJSqlParserUtil.parse(ParserWords.quoteNames(definition), parser -> parser.withTimeOut(10_000));
        } catch (JSQLParserException e) {
            throw new UnsupportedConstruct("view " + view.qualifiedName()
                    + ", whose definition the differential engine's parser does not follow");
        }
        if (!(parsed instanceof Select select)) {
            throw new UnsupportedConstruct("view " + view.qualifiedName() + " that is not a SELECT");
        }
        Translated inner = query.select(select, null, Ctes.none());
        return register(inner, alias, alias != null ? Names.normalize(alias.getName()) : view.name(), scope);
    }

    private Operator subquery(Select select, Alias alias, Scope scope, Ctes ctes) throws SQLException {
        Translated inner = query.select(select, null, ctes);
        return register(inner, alias, alias != null ? Names.normalize(alias.getName()) : "subquery_" + (++anonymous), scope);
    }

    private Operator register(Translated inner, Alias alias, String name, Scope scope) {
        List<String> names = aliasColumns(alias, inner.names());
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(names.get(i), inner.op().columns().get(i));
        }
        scope.add(new Scope.Entry(name, null, true, byName));
        return inner.op();
    }

    /** A reference to a CTE: its own subtree (translated again), or the working table inside its recursive term. */
    private Operator cteReference(Ctes.Definition cte, Alias alias, Scope scope) throws SQLException {
        String name = alias != null ? Names.normalize(alias.getName()) : cte.name();
        if (cte.isSelfReference()) {
            RecursiveRef ref = new RecursiveRef(cte.selfName(), cte.selfColumns());
            return register(new Translated(ref, cte.selfNames()), alias, name, scope);
        }
        WithItem<?> item = cte.item();
        ParenthesedSelect body = item.getSelect();
        if (body == null) {
            throw new UnsupportedConstruct("a data-modifying WITH item");
        }
        // The body sees the CTEs defined before it (and, when recursive, itself), not those of the reference.
        Translated t = cte.recursive() ? recursive(cte, body.getSelect(), cte.before())
                : query.select(body.getSelect(), null, cte.before());
        List<String> declared = withColumns(item);
        Translated named = declared.isEmpty() ? t : new Translated(t.op(), rename(t.names(), declared));
        return register(named, alias, name, scope);
    }

    private static List<String> withColumns(WithItem<?> item) {
        List<String> out = new ArrayList<>();
        if (item.getWithItemList() != null) {
            for (SelectItem<?> s : item.getWithItemList()) {
                out.add(Names.normalize(s.getExpression().toString()));
            }
        }
        return out;
    }

    private static List<String> rename(List<String> names, List<String> declared) {
        List<String> out = new ArrayList<>(names);
        for (int i = 0; i < declared.size() && i < out.size(); i++) {
            out.set(i, declared.get(i));
        }
        return out;
    }

    /**
     * WITH RECURSIVE name AS (base UNION [ALL] step), linear: the step reads the CTE exactly once. The
     * step must be writable as one flat SELECT (PostgreSQL forbids the self-reference in a subquery).
     */
    private Translated recursive(Ctes.Definition cte, Select body, Ctes ctes) throws SQLException {
        if (!(body instanceof SetOperationList sol) || sol.getSelects().size() != 2
                || !(sol.getOperations().get(0) instanceof UnionOp union)) {
            throw new UnsupportedConstruct("a recursive CTE that is not 'base UNION [ALL] recursive term'");
        }
        Translated base = query.select(sol.getSelects().get(0), null, ctes);
        List<String> declared = withColumns(cte.item());
        List<String> names = declared.isEmpty() ? base.names() : rename(base.names(), declared);
        List<ColumnId> columns = new ArrayList<>();
        for (String n : names) {
            columns.add(query.ids().next(cte.name() + "_" + n));
        }
        String sqlName = ReservedNames.recursiveCte(columns.get(0).name());
        Translated step = query.select(sol.getSelects().get(1), null, ctes.withSelf(cte.name(), columns, sqlName, names));
        int refs = countRefs(step.op());
        if (refs != 1) {
            throw new UnsupportedConstruct(refs == 0 ? "a recursive CTE whose recursive term does not read it"
                    : "non-linear recursion (the recursive term reads the CTE " + refs + " times)");
        }
        RecursiveCte rec = new RecursiveCte(sqlName, base.op(), step.op(), union.isAll(), columns);
        StateRenderer.renderNew(rec);
        return new Translated(rec, names);
    }

    private static int countRefs(Operator op) {
        int n = op instanceof RecursiveRef ? 1 : 0;
        for (Operator in : op.inputs()) {
            n += countRefs(in);
        }
        return n;
    }

    /** Column aliases ({@code AS t(a, b)}) rename the first columns; the rest keep their names. */
    private static List<String> aliasColumns(Alias alias, List<String> names) {
        if (alias == null || alias.getAliasColumns() == null || alias.getAliasColumns().isEmpty()) {
            return names;
        }
        List<String> out = new ArrayList<>(names);
        List<Alias.AliasColumn> given = alias.getAliasColumns();
        if (given.size() > names.size()) {
            throw new UnsupportedConstruct("more column aliases than columns for " + alias.getName());
        }
        for (int i = 0; i < given.size(); i++) {
            out.set(i, Names.normalize(given.get(i).name));
        }
        return out;
    }

    private Operator join(Operator left, net.sf.jsqlparser.statement.select.Join j, Scope scope, Ctes ctes)
            throws SQLException {
        if (j.isApply() || j.isSemi() || j.isStraight() || j.isWindowJoin()) {
            throw new UnsupportedConstruct("this kind of join");
        }
        List<Scope.Entry> before = new ArrayList<>(scope.entries());
        Operator right = item(j.getRightItem(), scope, ctes);
        JoinKind kind = j.isFull() ? JoinKind.FULL : j.isRight() ? JoinKind.RIGHT : j.isLeft() ? JoinKind.LEFT : JoinKind.INNER;
        List<Expr> conditions = new ArrayList<>();
        if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
                for (Expression conjunct : QueryTranslator.conjuncts(on)) {
                    if (WhereTranslator.hasSublink(conjunct)) {
                        throw new UnsupportedConstruct("a subquery in a JOIN condition");
                    }
                    conditions.add(ExprWriter.write(conjunct, query.inputResolver(scope)));
                }
            }
        }
        List<String> using = new ArrayList<>();
        if (j.getUsingColumns() != null) {
            for (Column c : j.getUsingColumns()) {
                using.add(Names.normalize(c.getColumnName()));
            }
        }
        Scope.Entry rightEntry = scope.entries().get(scope.entries().size() - 1);
        if (j.isNatural()) {
            for (String col : rightEntry.columns().keySet()) {
                if (before.stream().anyMatch(e -> e.columns().containsKey(col))) {
                    using.add(col);
                }
            }
        }
        List<NamedExpr> coalesced = new ArrayList<>();
        for (String col : using) {
            // A column an earlier USING merged is one column on the left, as in PostgreSQL.
            ColumnId l = scope.mergedColumn(col).orElse(null);
            if (l == null) {
                for (Scope.Entry e : before) {
                    ColumnId id = e.columns().get(col);
                    if (id != null) {
                        if (l != null) {
                            throw new UnsupportedConstruct("USING column \"" + col + "\" is ambiguous on the left");
                        }
                        l = id;
                    }
                }
            }
            ColumnId r = rightEntry.columns().get(col);
            if (l == null || r == null) {
                throw new UnsupportedConstruct("USING column \"" + col + "\" not found on both sides");
            }
            conditions.add(new Expr(Expr.marker(0) + " = " + Expr.marker(1), List.of(l, r)));
            switch (kind) {
                case INNER, LEFT -> scope.addMerged(col, l, joinedEntries(before, rightEntry));
                case RIGHT -> scope.addMerged(col, r, joinedEntries(before, rightEntry));
                case FULL -> {
                    // The merged column of a FULL JOIN is whichever side has the row: COALESCE(l, r).
                    ColumnId merged = query.ids().next(col);
                    coalesced.add(new NamedExpr(merged, new Expr("COALESCE(" + Expr.marker(0) + ", " + Expr.marker(1) + ")",
                            List.of(l, r))));
                    scope.addMerged(col, merged, joinedEntries(before, rightEntry));
                }
                default -> throw new IllegalStateException();
            }
        }
        Join joined = new Join(kind, left, right, conditions);
        if (coalesced.isEmpty()) {
            return joined;
        }
        List<NamedExpr> outputs = new ArrayList<>();
        for (ColumnId c : joined.columns()) {
            outputs.add(new NamedExpr(c, Expr.column(c)));
        }
        outputs.addAll(coalesced);
        return new Project(joined, outputs);
    }

    private static List<Scope.Entry> joinedEntries(List<Scope.Entry> left, Scope.Entry right) {
        List<Scope.Entry> out = new ArrayList<>(left);
        out.add(right);
        return out;
    }

    /** A LATERAL subquery or a set-returning function, joined to everything to its left. */
    private Operator lateral(Operator left, net.sf.jsqlparser.statement.select.Join j, Scope scope, Ctes ctes)
            throws SQLException {
        boolean leftJoin = j.isLeft() && !j.isFull() && !j.isRight();
        if (j.isRight() || j.isFull()) {
            throw new UnsupportedConstruct("RIGHT or FULL JOIN LATERAL");
        }
        if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
                if (!(on instanceof BooleanValue b && b.getValue())) {
                    throw new UnsupportedConstruct("a LATERAL join with a condition other than ON true");
                }
            }
        }
        if (j.getRightItem() instanceof LateralSubSelect ls) {
            return lateralSubquery(left, ls, leftJoin, scope, ctes);
        }
        return lateralFunction(left, (TableFunction) j.getRightItem(), leftJoin, scope);
    }

    private Operator lateralSubquery(Operator left, LateralSubSelect ls, boolean leftJoin, Scope scope, Ctes ctes) {
        Select inner = ls.getSelect();
        if (inner instanceof net.sf.jsqlparser.statement.select.PlainSelect ps) {
            for (SelectItem<?> item : ps.getSelectItems()) {
                if (item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllColumns
                        || item.getExpression() instanceof net.sf.jsqlparser.statement.select.AllTableColumns) {
                    throw new UnsupportedConstruct("SELECT * in a LATERAL subquery");
                }
            }
        }
        Subplan plan = new SublinkTranslator(query).subplan(inner, scope, ctes, left);
        List<String> names = new ArrayList<>();
        if (inner instanceof net.sf.jsqlparser.statement.select.PlainSelect ps) {
            ps.getSelectItems().forEach(item -> names.add(OutputNames.of(item)));
        } else {
            for (int i = 0; i < plan.items().size(); i++) {
                names.add("column" + (i + 1));
            }
        }
        String name = ls.getAlias() != null ? Names.normalize(ls.getAlias().getName()) : "lateral_" + (++anonymous);
        List<String> visible = aliasColumns(ls.getAlias(), names);
        List<ColumnId> outputs = new ArrayList<>();
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (String n : visible) {
            ColumnId id = query.ids().next(name + "_" + n);
            outputs.add(id);
            byName.putIfAbsent(n, id);
        }
        scope.add(new Scope.Entry(name, null, true, byName));
        return new LateralSubquery(left, plan, leftJoin, outputs);
    }

    private Operator lateralFunction(Operator left, TableFunction tf, boolean leftJoin, Scope scope) throws SQLException {
        Function f = tf.getFunction();
        Expr call;
        String functionName;
        if (tf.getRowsFromFunctions() != null) {
            List<Expr> calls = new ArrayList<>();
            for (Function each : tf.getRowsFromFunctions()) {
                calls.add(ExprWriter.write(each, query.inputResolver(scope)));
            }
            call = Expr.composeVerbatim(calls, p -> "ROWS FROM (" + String.join(", ", p) + ")");
            functionName = "rows_from";
        } else {
            call = ExprWriter.write(f, query.inputResolver(scope));
            functionName = f.getName().toLowerCase(Locale.ROOT);
        }
        if (tf.getWithClause() != null) {
            String with = tf.getWithClause().strip().replaceFirst("(?i)^with\\s+", "");
            if (!with.equalsIgnoreCase("ordinality")) {
                throw new UnsupportedConstruct("WITH " + with + " after a function in FROM");
            }
            call = Expr.composeVerbatim(List.of(call), p -> p.get(0) + " WITH ORDINALITY");
        }
        Alias alias = tf.getAlias();
        String name = alias != null ? Names.normalize(alias.getName()) : functionName;
        String definitions = null;
        List<String> visible;
        boolean scalar = false;
        if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()
                && alias.getAliasColumns().get(0).colDataType != null) {
            List<String> defs = new ArrayList<>();
            visible = new ArrayList<>();
            for (Alias.AliasColumn c : alias.getAliasColumns()) {
                visible.add(Names.normalize(c.name));
                defs.add(SqlWriter.ident(Names.normalize(c.name)) + " " + c.colDataType);
            }
            definitions = String.join(", ", defs);
        } else {
            FunctionShape shape = probeNames(left, call, alias);
            visible = shape.names();
            scalar = shape.scalar();
        }
        List<String> functionColumns = new ArrayList<>();
        List<ColumnId> outputs = new ArrayList<>();
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (int i = 0; i < visible.size(); i++) {
            functionColumns.add(definitions != null ? visible.get(i) : "c" + (i + 1));
            ColumnId id = query.ids().next(name + "_" + visible.get(i));
            outputs.add(id);
            byName.putIfAbsent(visible.get(i), id);
        }
        scope.add(new Scope.Entry(name, null, true, byName));
        if (scalar) {
            scope.addScalarItem(name, outputs.get(0));
        }
        return new LateralFunction(left, call, definitions, functionColumns, outputs, leftJoin);
    }

    /** The columns of a set-returning function's output; {@code scalar} when it yields a base type, not rows. */
    private record FunctionShape(List<String> names, boolean scalar) {
    }

    /**
     * The column names PostgreSQL gives a set-returning function's output, asked of the database with
     * the user's alias exactly as written (no alias of the engine's may shadow or rename it): the
     * function's columns are those after the left side's. When the function yields a base type, its
     * alias used as a value ({@code jsonb_array_elements(…) AS item}, then {@code item ->> 'sku'})
     * means that one column, as in PostgreSQL.
     */
    private FunctionShape probeNames(Operator left, Expr call, Alias alias) throws SQLException {
        String leftAlias = ReservedNames.PREFIX + "left";
        String item = SqlWriter.expr(call, leftAlias) + (alias == null ? "" : " AS " + alias.getName()
                + (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()
                ? "(" + String.join(", ", alias.getAliasColumns().stream().map(c -> c.name).toList()) + ")" : ""));
        String whole = alias == null ? "" : ", " + alias.getName();
        String sql = "SELECT *" + whole + " FROM (" + StateRenderer.renderNew(left) + ") " + leftAlias
                + " CROSS JOIN LATERAL " + item;
        List<RelationCatalog.OutputColumn> columns;
        try {
            columns = query.catalog().outputColumns(sql);
        } catch (SQLException e) {
            throw new UnsupportedConstruct("a set-returning function the differential engine cannot place in FROM ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        int first = left.columns().size();
        int end = columns.size() - (alias == null ? 0 : 1);
        List<String> names = columns.subList(first, end).stream().map(RelationCatalog.OutputColumn::name).toList();
        boolean scalar = alias != null && names.size() == 1
                && columns.get(end - 1).typeName().equals(columns.get(end).typeName());
        return new FunctionShape(names, scalar);
    }

    /** Kept for symmetry with the recursive term's rendering: a union of the operators given. */
    static Operator union(List<Operator> ops, List<ColumnId> columns) {
        return new UnionAll(ops, columns);
    }
}
