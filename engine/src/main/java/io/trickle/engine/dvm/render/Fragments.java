package io.trickle.engine.dvm.render;

import static io.trickle.engine.dvm.render.ReservedNames.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.expr;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.JoinKind;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.SetOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL shapes that the rendering of a state ({@link StateRenderer}) and the delta rules share,
 * written once: select lists that rename or compute, rows with a weight and the "+1 after, −1
 * before" difference of a recomputed part, lateral calls, join conditions, the SQL words of the
 * operators, and the key restriction of scoped recomputation. A rule keeps only the SQL that is its
 * own. Relations passed in are CTE names or parenthesised queries ({@link #subquery}).
 */
public final class Fragments {

    private Fragments() {
    }

    // ---------------------------------------------------------------------------------------------
    // Select lists
    // ---------------------------------------------------------------------------------------------

    /** {@code a."x" AS "y", …}: the columns of {@code alias} under the names of {@code to}, by position. */
    public static String renamed(String alias, List<ColumnId> from, List<ColumnId> to) {
        return renamedNames(alias, from.stream().map(ColumnId::name).toList(), to.stream().map(ColumnId::name).toList());
    }

    /** {@link #renamed} for names that are not column ids (source and storage columns). */
    public static String renamedNames(String alias, List<String> from, List<String> to) {
        if (from.size() != to.size()) {
            throw new IllegalArgumentException("renaming " + from.size() + " columns to " + to.size() + " names");
        }
        List<String> out = new ArrayList<>(from.size());
        for (int i = 0; i < from.size(); i++) {
            out.add(alias + "." + ident(from.get(i)) + " AS " + ident(to.get(i)));
        }
        return String.join(", ", out);
    }

    /** A scan's source columns read through {@code alias}, under the scan's column ids. */
    public static String scanColumns(Scan scan, String alias) {
        return renamedNames(alias, scan.scanColumns().stream().map(Scan.ScanColumn::sourceColumn).toList(),
                scan.columns().stream().map(ColumnId::name).toList());
    }

    /** {@code <expression> AS "id", …} over one alias: a projection, grouping keys, window calls. */
    public static String computed(List<NamedExpr> outputs, String alias) {
        return outputs.stream().map(o -> expr(o.expr(), alias) + " AS " + ident(o.id())).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------------------------------------
    // Weighted rows
    // ---------------------------------------------------------------------------------------------

    /** {@code (sql)}: a query used as a relation. */
    public static String subquery(String sql) {
        return "(" + sql + ")";
    }

    /** {@code SELECT columns, weight AS __pgt_w FROM from}: rows of a delta. */
    public static String weighted(String columns, String weight, String from) {
        return "SELECT " + columns + ", " + weight + " AS " + WEIGHT + " FROM " + from;
    }

    /** Rows that enter: weight +1. */
    public static String added(String columns, String from) {
        return weighted(columns, "1::bigint", from);
    }

    /** Rows that leave: weight −1. */
    public static String removed(String columns, String from) {
        return weighted(columns, "-1::bigint", from);
    }

    /** The weight a delta relation's row carries, through its alias. */
    public static String weightOf(String alias) {
        return alias + "." + WEIGHT;
    }

    /** The branches of one delta, one to a line. */
    public static String unionAll(List<String> branches) {
        return String.join("\n  UNION ALL ", branches);
    }

    /**
     * The change of a part that is recomputed over both states: its rows after the window with weight
     * +1 and its rows before the window with weight −1, both only when {@code when} holds (null:
     * always). Rows that did not change cancel when the delta is consolidated.
     */
    public static String difference(List<ColumnId> columns, String newRows, String oldRows, String when) {
        String names = SqlWriter.names(columns);
        return unionAll(List.of(added(names, newRows + " n" + where(when)), removed(names, oldRows + " o" + where(when))));
    }

    /**
     * {@code CROSS JOIN LATERAL generate_series(1, count)}: each row of the relation before it as
     * many times as {@code count} says (a weight turned back into copies).
     */
    public static String copies(String count) {
        return " CROSS JOIN LATERAL generate_series(1, " + count + ")";
    }

    /**
     * A relation's rows before the window as weighted rows, without evaluating it over the old
     * sources: R₀ = R₁ − ΔR, its rows after the window with weight +1 and its delta's rows with their
     * weight negated. Both sides are read through {@code alias} and kept where their condition holds
     * (empty: everywhere).
     */
    public static String beforeWindow(List<ColumnId> columns, String after, String afterWhere, String delta,
                                      String deltaWhere, String alias) {
        String list = SqlWriter.cols(alias, columns);
        return unionAll(List.of(added(list, after + " " + alias + where(afterWhere)),
                weighted(list, "-" + weightOf(alias), delta + " " + alias + where(deltaWhere))));
    }

    private static String where(String condition) {
        return condition == null || condition.isEmpty() ? "" : " WHERE " + condition;
    }

    /** {@code EXISTS (SELECT 1 FROM relation)}: whether a delta (or a window) has any row. */
    public static String nonEmpty(String relation) {
        return "EXISTS (SELECT 1 FROM " + relation + ")";
    }

    /**
     * Each value of {@code columns} that a delta touches, with its net weight as {@code weightName},
     * leaving out values whose changes cancel.
     */
    public static String netWeights(List<ColumnId> columns, String delta, String weightName) {
        String names = SqlWriter.names(columns);
        return "SELECT " + names + ", sum(" + WEIGHT + ")::bigint AS " + weightName + " FROM " + delta + " GROUP BY " + names
                + " HAVING sum(" + WEIGHT + ") <> 0";
    }

    /** {@code 1, 2, …, n}: GROUP BY the first n columns of the select list. */
    public static String positions(int n) {
        List<String> p = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            p.add(String.valueOf(i));
        }
        return String.join(", ", p);
    }

    /** {@code a IS NOT DISTINCT FROM b AND …}, pair by pair, through text where a type has no equality. */
    public static String sameValues(List<String> a, List<String> b, List<io.trickle.engine.sql.PgType> types) {
        List<String> same = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            same.add(SqlWriter.sameValue(a.get(i), b.get(i), types.get(i)));
        }
        return String.join(" AND ", same);
    }

    // ---------------------------------------------------------------------------------------------
    // Lateral calls
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code CROSS JOIN LATERAL f(…) AS fa(cols)} (or {@code LEFT JOIN LATERAL … ON true}): a
     * set-returning function called for each row of {@code inputAlias}.
     */
    public static String lateralFunction(LateralFunction lf, String inputAlias, String functionAlias) {
        String columns = lf.columnDefinitions() != null ? lf.columnDefinitions()
                : lf.functionColumns().stream().map(SqlWriter::ident).collect(Collectors.joining(", "));
        return lateral(lf.leftJoin(), expr(lf.call(), inputAlias) + " AS " + functionAlias + "(" + columns + ")");
    }

    /** The function's columns under the operator's output ids. */
    public static String lateralFunctionOutputs(LateralFunction lf, String functionAlias) {
        return renamedNames(functionAlias, lf.functionColumns(), lf.outputs().stream().map(ColumnId::name).toList());
    }

    /** {@code CROSS JOIN LATERAL (subquery) alias} (or {@code LEFT JOIN LATERAL … ON true}). */
    public static String lateralSubquery(boolean leftJoin, String subquery, String alias) {
        return lateral(leftJoin, subquery(subquery) + " " + alias);
    }

    private static String lateral(boolean leftJoin, String item) {
        return leftJoin ? " LEFT JOIN LATERAL " + item + " ON true" : " CROSS JOIN LATERAL " + item;
    }

    // ---------------------------------------------------------------------------------------------
    // Joins and set operations
    // ---------------------------------------------------------------------------------------------

    /**
     * A join's conditions over two aliases: columns of the left input ({@code leftColumns}) read
     * {@code leftAlias}, the others {@code rightAlias}; {@code true} without conditions.
     */
    public static String joinCondition(List<Expr> conditions, List<ColumnId> leftColumns, String leftAlias,
                                       String rightAlias) {
        Set<ColumnId> left = new HashSet<>(leftColumns);
        return SqlWriter.and(conditions.stream().map(c -> expr(c, id -> col(left.contains(id) ? leftAlias : rightAlias, id)))
                .toList());
    }

    public static String joinKeyword(JoinKind kind) {
        return switch (kind) {
            case INNER -> "JOIN";
            case LEFT -> "LEFT JOIN";
            case RIGHT -> "RIGHT JOIN";
            case FULL -> "FULL JOIN";
        };
    }

    /** {@code INTERSECT}, {@code EXCEPT ALL}…. */
    public static String setOperation(SetOp op) {
        String word = switch (op.kind()) {
            case INTERSECT -> "INTERSECT";
            case EXCEPT -> "EXCEPT";
        };
        return op.all() ? word + " ALL" : word;
    }

    /**
     * How many times a row that appears {@code left} times on the left and {@code right} times on the
     * right appears after the set operation: min(a, b) for INTERSECT ALL, max(a − b, 0) for EXCEPT
     * ALL, 0 or 1 without ALL.
     */
    public static String multiplicity(SetOp op, String left, String right) {
        String a = "(" + left + ")";
        String b = "(" + right + ")";
        return switch (op.kind()) {
            case INTERSECT -> op.all() ? "least(" + a + ", " + b + ")" : "(CASE WHEN " + a + " > 0 AND " + b + " > 0 THEN 1 ELSE 0 END)";
            case EXCEPT -> op.all() ? "greatest(" + a + " - " + b + ", 0)" : "(CASE WHEN " + a + " > 0 AND " + b + " = 0 THEN 1 ELSE 0 END)";
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Aggregate calls the engine adds
    // ---------------------------------------------------------------------------------------------

    /** {@code count(*)}. */
    public static Expr countStar() {
        return Expr.constant("count(*)");
    }

    /** {@code function(argument) [FILTER (WHERE filter)]} over the aggregate's input. */
    public static Expr aggregateOf(String function, Expr argument, Expr filter) {
        List<Expr> parts = filter == null ? List.of(argument) : List.of(argument, filter);
        return Expr.compose(parts, p -> function + "(" + p.get(0) + ")" + (p.size() > 1 ? " FILTER (WHERE " + p.get(1) + ")" : ""));
    }

    // ---------------------------------------------------------------------------------------------
    // Key restriction (scoped recomputation)
    // ---------------------------------------------------------------------------------------------

    /** The distinct key values a delta touches: {@code SELECT DISTINCT <key> AS "name", … FROM delta s}. */
    public static String distinctKeys(List<Expr> keyExprs, List<String> names, String delta) {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < keyExprs.size(); i++) {
            select.add(expr(keyExprs.get(i), "s") + " AS " + ident(names.get(i)));
        }
        return "SELECT DISTINCT " + String.join(", ", select) + " FROM " + delta + " s";
    }

    /**
     * The condition that keys without NULLs are among the touched ones, written with {@code IN} so
     * that PostgreSQL can use an index on the key: receives the key expressions as written.
     */
    public static String keyIn(List<String> keyParts, String keysRelation, List<String> names) {
        String notNull = names.stream().map(n -> ident(n) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return (keyParts.size() == 1 ? keyParts.get(0) : "(" + String.join(", ", keyParts) + ")")
                + " IN (SELECT " + names.stream().map(SqlWriter::ident).collect(Collectors.joining(", "))
                + " FROM " + keysRelation + " WHERE " + notNull + ")";
    }

    /**
     * The condition for keys with a NULL, which {@code IN} cannot match: {@code IS NOT DISTINCT FROM},
     * guarded so that it only runs when such a key was touched.
     */
    public static String keyMatchesWithNulls(List<String> keyParts, String keysRelation, List<String> names) {
        String anyNull = names.stream().map(n -> "k." + ident(n) + " IS NULL").collect(Collectors.joining(" OR "));
        List<String> same = new ArrayList<>();
        for (int i = 0; i < keyParts.size(); i++) {
            same.add("k." + ident(names.get(i)) + " IS NOT DISTINCT FROM " + keyParts.get(i));
        }
        return "EXISTS (SELECT 1 FROM " + keysRelation + " k WHERE " + anyNull + ") AND EXISTS (SELECT 1 FROM "
                + keysRelation + " k WHERE (" + anyNull + ") AND " + String.join(" AND ", same) + ")";
    }
}
