package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationColumn;
import io.trickle.engine.sql.RelationKind;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;

/** FROM items and joins → scans, subqueries and joins, registering every item in the scope. */
final class FromTranslator {

    private final QueryTranslator query;
    private int anonymous;

    FromTranslator(QueryTranslator query) {
        this.query = query;
    }

    Operator from(FromItem first, List<net.sf.jsqlparser.statement.select.Join> joins, Scope scope) throws SQLException {
        if (first == null) {
            throw new UnsupportedConstruct("SELECT without FROM");
        }
        Operator acc = item(first, scope);
        if (joins != null) {
            for (net.sf.jsqlparser.statement.select.Join j : joins) {
                acc = join(acc, j, scope);
            }
        }
        return acc;
    }

    private Operator item(FromItem item, Scope scope) throws SQLException {
        if (item instanceof Table table) {
            return table(table, scope);
        }
        if (item instanceof ParenthesedSelect sub) {
            if (sub.getSelect() == null) {
                throw new UnsupportedConstruct("VALUES in FROM");
            }
            return subquery(sub, scope);
        }
        if (item instanceof ParenthesedFromItem nested) {
            if (nested.getAlias() != null) {
                throw new UnsupportedConstruct("an aliased parenthesized join");
            }
            return from(nested.getFromItem(), nested.getJoins(), scope);
        }
        String kind = item.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        throw new UnsupportedConstruct(kind.contains("lateral") ? "LATERAL subquery"
                : kind.contains("function") ? "set-returning function in FROM" : kind + " in FROM");
    }

    private Operator table(Table table, Scope scope) throws SQLException {
        if (table.getSampleClause() != null) {
            throw new UnsupportedConstruct("TABLESAMPLE");
        }
        Relation r = query.catalog().byName(table.getFullyQualifiedName())
                .orElseThrow(() -> new UnsupportedConstruct("cannot resolve relation " + table.getFullyQualifiedName()));
        switch (r.kind()) {
            case VIEW -> throw new UnsupportedConstruct("view " + r.qualifiedName() + " (changes beneath a view are not derived yet)");
            case MATERIALIZED_VIEW -> throw new UnsupportedConstruct("materialized view " + r.qualifiedName()
                    + " (its changes cannot be captured)");
            case FOREIGN_TABLE -> throw new UnsupportedConstruct("foreign table " + r.qualifiedName()
                    + " (its changes cannot be captured)");
            case OTHER -> throw new UnsupportedConstruct("relation " + r.qualifiedName() + " of an unsupported kind");
            default -> {
                // tables and partitioned tables are captured with triggers
            }
        }
        Alias alias = table.getAlias();
        String name = alias != null ? Names.normalize(alias.getName()) : r.name();
        List<RelationColumn> cols = r.visibleColumns();
        List<String> visibleNames = cols.stream().map(RelationColumn::name).toList();
        List<String> renamed = aliasColumns(alias, visibleNames);
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

    private Operator subquery(ParenthesedSelect sub, Scope scope) throws SQLException {
        Translated inner = query.select(sub.getSelect());
        Alias alias = sub.getAlias();
        String name = alias != null ? Names.normalize(alias.getName()) : "subquery_" + (++anonymous);
        List<String> names = aliasColumns(alias, inner.names());
        LinkedHashMap<String, ColumnId> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(names.get(i), inner.op().columns().get(i));
        }
        scope.add(new Scope.Entry(name, null, true, byName));
        return inner.op();
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

    private Operator join(Operator left, net.sf.jsqlparser.statement.select.Join j, Scope scope) throws SQLException {
        if (j.isApply() || j.isSemi() || j.isStraight() || j.isWindowJoin()) {
            throw new UnsupportedConstruct("this kind of join");
        }
        List<Scope.Entry> before = new ArrayList<>(scope.entries());
        Operator right = item(j.getRightItem(), scope);
        JoinKind kind = j.isFull() ? JoinKind.FULL : j.isRight() ? JoinKind.RIGHT : j.isLeft() ? JoinKind.LEFT : JoinKind.INNER;
        List<Expr> conditions = new ArrayList<>();
        ExprWriter.Resolver resolver = query.inputResolver(scope);
        if (j.getOnExpressions() != null) {
            for (Expression on : j.getOnExpressions()) {
                for (Expression conjunct : QueryTranslator.conjuncts(on)) {
                    conditions.add(ExprWriter.write(conjunct, resolver));
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
        for (String col : using) {
            ColumnId l = null;
            for (Scope.Entry e : before) {
                ColumnId id = e.columns().get(col);
                if (id != null) {
                    if (l != null) {
                        throw new UnsupportedConstruct("USING column \"" + col + "\" is ambiguous on the left");
                    }
                    l = id;
                }
            }
            ColumnId r = rightEntry.columns().get(col);
            if (l == null || r == null) {
                throw new UnsupportedConstruct("USING column \"" + col + "\" not found on both sides");
            }
            conditions.add(new Expr(Expr.marker(0) + " = " + Expr.marker(1), List.of(l, r)));
            switch (kind) {
                case INNER, LEFT -> scope.addMerged(col, l);
                case RIGHT -> scope.addMerged(col, r);
                case FULL -> throw new UnsupportedConstruct("FULL JOIN with USING or NATURAL");
                default -> throw new IllegalStateException();
            }
        }
        return new Join(kind, left, right, conditions);
    }
}
