package io.trickle.engine.dvm.render;

import static io.trickle.engine.dvm.render.ReservedNames.WEIGHT;
import static io.trickle.engine.dvm.render.SqlWriter.col;
import static io.trickle.engine.dvm.render.SqlWriter.cols;
import static io.trickle.engine.dvm.render.SqlWriter.expr;
import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Join;
import io.trickle.engine.dvm.op.NamedExpr;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.OperatorVisitor;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.LateralFunction;
import io.trickle.engine.dvm.op.LateralSubquery;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.RecursiveRef;
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.Values;
import io.trickle.engine.dvm.op.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the contents of a subtree as a query: a bag of rows with the subtree's output columns,
 * under their column ids. In state {@link State#NEW} it reads the sources as they are; in state
 * {@link State#OLD} each source is replaced by its contents before the change window,
 * {@code now EXCEPT ALL added UNION ALL removed}, which is exact because the window's changes are
 * consolidated (an added row is in the source now; a removed row was in it before).
 */
public final class StateRenderer implements OperatorVisitor<String> {

    private final State state;
    private final SourceWindows windows;
    private final Map<String, String> recursiveBindings;
    private int aliasCounter;

    private StateRenderer(State state, SourceWindows windows, Map<String, String> recursiveBindings) {
        this.state = state;
        this.windows = windows;
        this.recursiveBindings = recursiveBindings;
    }

    public static String render(Operator op, State state, SourceWindows windows) {
        return render(op, state, windows, Map.of());
    }

    /**
     * Renders with recursive references bound: outside its WITH RECURSIVE, a reference to the
     * working table named {@code n} reads the relation {@code recursiveBindings.get(n)} (whose
     * columns are named like the reference's).
     */
    public static String render(Operator op, State state, SourceWindows windows, Map<String, String> recursiveBindings) {
        return op.accept(new StateRenderer(state, windows, recursiveBindings));
    }

    /**
     * The recursion of {@code cte}'s recursive term started from other rows: {@code WITH RECURSIVE
     * name(cols) AS (seed UNION [ALL] term) SELECT * FROM name}, the term reading {@code name} and
     * the sources in {@code state}. {@code extraCondition} receives the term's output expressions and
     * returns a further condition on them (or null).
     */
    public static String renderRecursion(RecursiveCte cte, String name, String seed, State state, SourceWindows windows,
                                         Function<List<String>, String> extraCondition) {
        StateRenderer r = new StateRenderer(state, windows, Map.of());
        RecursiveCte renamed = new RecursiveCte(name, cte.base(), cte.step(), cte.unionAll(), cte.columns());
        String step = RecursiveStepRenderer.render(renamed, r::renderNested, extraCondition);
        return withRecursive(renamed, seed, step);
    }

    /** The NEW state, which needs no change window (the FULL path and initial populate). */
    public static String renderNew(Operator op) {
        return render(op, State.NEW, new SourceWindows(java.util.Map.of()));
    }

    private String alias() {
        return "s" + (++aliasCounter);
    }

    @Override
    public String visitScan(Scan scan) {
        String t = alias();
        return "SELECT " + Fragments.scanColumns(scan, t) + " FROM " + source(scan) + " " + t;
    }

    private String source(Scan scan) {
        String table = SqlWriter.ident(scan.relation().schema()) + "." + SqlWriter.ident(scan.relation().name());
        if (state == State.NEW || windows.isUnchanged(scan.relation().oid())) {
            return table;
        }
        String delta = windows.require(scan.relation().oid(), scan.relation().qualifiedName());
        Set<String> seen = new HashSet<>();
        List<String> sourceCols = new ArrayList<>();
        for (Scan.ScanColumn c : scan.scanColumns()) {
            if (seen.add(c.sourceColumn())) {
                sourceCols.add(ident(c.sourceColumn()));
            }
        }
        String list = String.join(", ", sourceCols);
        String dlist = sourceCols.stream().map(c -> "d." + c).collect(Collectors.joining(", "));
        String removed = " UNION ALL SELECT " + dlist + " FROM " + delta + " d" + Fragments.copies("-d." + WEIGHT)
                + " WHERE d." + WEIGHT + " < 0";
        List<String> pk = scan.relation().primaryKey();
        if (!pk.isEmpty() && !scan.relation().streamTable() && seen.containsAll(pk)) {
            // Keyed: a row of the table now is a row of before unless the window added it (an insert, or the
            // new version of an update). An anti-join on the key keeps index scans and pushed-down quals.
            String sameKey = pk.stream().map(k -> "d." + ident(k) + " = t." + ident(k)).collect(Collectors.joining(" AND "));
            String tlist = sourceCols.stream().map(c -> "t." + c).collect(Collectors.joining(", "));
            return "(SELECT " + tlist + " FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM " + delta + " d WHERE d."
                    + WEIGHT + " > 0 AND " + sameKey + ")" + removed + ")";
        }
        // Keyless: remove one copy of each added row (the window is consolidated, so each is in the table).
        return "(SELECT " + list + " FROM " + table
                + " EXCEPT ALL SELECT " + dlist + " FROM " + delta + " d" + Fragments.copies("d." + WEIGHT)
                + " WHERE d." + WEIGHT + " > 0" + removed + ")";
    }

    @Override
    public String visitFilter(Filter filter) {
        String inner = filter.input().accept(this);
        String s = alias();
        return "SELECT * FROM (" + inner + ") " + s + " WHERE "
                + SqlWriter.and(filter.conjuncts().stream().map(c -> expr(c, s)).toList());
    }

    @Override
    public String visitProject(Project project) {
        String inner = project.input().accept(this);
        String s = alias();
        return "SELECT " + Fragments.computed(project.outputs(), s) + " FROM (" + inner + ") " + s;
    }

    @Override
    public String visitJoin(Join join) {
        String left = join.left().accept(this);
        String right = join.right().accept(this);
        String l = alias();
        String r = alias();
        String on = Fragments.joinCondition(join.conditions(), join.left().columns(), l, r);
        return "SELECT " + cols(l, join.left().columns()) + ", " + cols(r, join.right().columns())
                + " FROM (" + left + ") " + l + " " + Fragments.joinKeyword(join.kind()) + " (" + right + ") " + r + " ON " + on;
    }

    @Override
    public String visitAggregate(Aggregate aggregate) {
        String inner = aggregate.input().accept(this);
        String s = alias();
        List<NamedExpr> select = new ArrayList<>(aggregate.groupKeys());
        for (AggregateCall a : aggregate.aggregates()) {
            select.add(new NamedExpr(a.id(), a.call()));
        }
        String sql = "SELECT " + Fragments.computed(select, s) + " FROM (" + inner + ") " + s;
        return aggregate.isScalar() ? sql : sql + " GROUP BY " + Fragments.positions(aggregate.groupKeys().size());
    }

    @Override
    public String visitDistinct(Distinct distinct) {
        String inner = distinct.input().accept(this);
        return "SELECT DISTINCT * FROM (" + inner + ") " + alias();
    }

    @Override
    public String visitUnionAll(UnionAll union) {
        List<String> branches = new ArrayList<>();
        for (Operator b : union.branches()) {
            String inner = b.accept(this);
            String s = alias();
            branches.add("SELECT " + Fragments.renamed(s, b.columns(), union.columns()) + " FROM (" + inner + ") " + s);
        }
        return String.join(" UNION ALL ", branches);
    }

    @Override
    public String visitSetOp(SetOp setOp) {
        String left = setOp.left().accept(this);
        String right = setOp.right().accept(this);
        String l = alias();
        String r = alias();
        return "SELECT " + Fragments.renamed(l, setOp.left().columns(), setOp.columns()) + " FROM (" + left + ") " + l
                + " " + Fragments.setOperation(setOp) + " SELECT " + cols(r, setOp.right().columns()) + " FROM (" + right + ") " + r;
    }

    @Override
    public String visitSemiJoin(SemiJoin join) {
        String left = join.left().accept(this);
        String right = join.right().accept(this);
        String l = alias();
        String r = alias();
        String on = Fragments.joinCondition(join.conditions(), join.left().columns(), l, r);
        return "SELECT " + cols(l, join.left().columns()) + " FROM (" + left + ") " + l + " WHERE " + (join.anti() ? "NOT " : "")
                + "EXISTS (SELECT 1 FROM (" + right + ") " + r + " WHERE " + on + ")";
    }

    @Override
    public String visitSubqueryValue(SubqueryValue sv) {
        String input = sv.input().accept(this);
        String s = alias();
        String subquery = SubplanRenderer.render(sv.subplan(), this::renderNested, s, null);
        String value = expr(sv.value(), s).replace(SubqueryValue.PLACEHOLDER, subquery);
        return "SELECT " + cols(s, sv.input().columns()) + ", " + value + " AS " + ident(sv.output())
                + " FROM (" + input + ") " + s;
    }

    @Override
    public String visitLateralSubquery(LateralSubquery ls) {
        String input = ls.input().accept(this);
        String s = alias();
        String q = alias();
        String subquery = SubplanRenderer.render(ls.subplan(), this::renderNested, s, ls.outputs());
        return "SELECT " + cols(s, ls.input().columns()) + ", " + cols(q, ls.outputs()) + " FROM (" + input + ") " + s
                + Fragments.lateralSubquery(ls.leftJoin(), subquery, q);
    }

    @Override
    public String visitLateralFunction(LateralFunction lf) {
        String input = lf.input().accept(this);
        String s = alias();
        String f = alias();
        return "SELECT " + cols(s, lf.input().columns()) + ", " + Fragments.lateralFunctionOutputs(lf, f) + " FROM (" + input
                + ") " + s + Fragments.lateralFunction(lf, s, f);
    }

    @Override
    public String visitWindow(Window window) {
        String input = window.input().accept(this);
        String s = alias();
        return "SELECT " + cols(s, window.input().columns()) + ", " + Fragments.computed(window.calls(), s)
                + " FROM (" + input + ") " + s;
    }

    @Override
    public String visitTopK(TopK topK) {
        String input = topK.input().accept(this);
        String s = alias();
        return "SELECT * FROM (" + input + ") " + s + " ORDER BY "
                + topK.orderBy().stream().map(o -> expr(o, s)).collect(Collectors.joining(", ")) + " " + topK.limit();
    }

    @Override
    public String visitRecursiveCte(RecursiveCte cte) {
        String base = cte.base().accept(this);
        String step = RecursiveStepRenderer.render(cte, this::renderNested, null);
        return withRecursive(cte, base, step);
    }

    /** {@code WITH RECURSIVE name(cols) AS (base UNION [ALL] step) SELECT * FROM name}. */
    private static String withRecursive(RecursiveCte cte, String base, String step) {
        String name = ident(cte.name());
        return "WITH RECURSIVE " + name + "(" + SqlWriter.names(cte.columns()) + ") AS (" + base
                + (cte.unionAll() ? " UNION ALL " : " UNION ") + step + ") SELECT * FROM " + name;
    }

    @Override
    public String visitRecursiveRef(RecursiveRef ref) {
        String bound = recursiveBindings.get(ref.name());
        if (bound == null) {
            throw new IllegalStateException("a recursive reference is only rendered inside its recursive term");
        }
        return "SELECT " + SqlWriter.names(ref.columns()) + " FROM " + bound;
    }

    /** The same rows in every state: {@code SELECT * FROM (VALUES …) AS v(cols)}. */
    @Override
    public String visitValues(Values values) {
        List<String> rows = new ArrayList<>();
        for (List<Expr> row : values.rows()) {
            rows.add("(" + row.stream().map(e -> expr(e, id -> {
                throw new IllegalStateException("a VALUES list reads no column");
            })).collect(Collectors.joining(", ")) + ")");
        }
        String v = alias();
        return "SELECT " + cols(v, values.columns()) + " FROM (VALUES " + String.join(", ", rows) + ") " + v + "("
                + SqlWriter.names(values.columns()) + ")";
    }

    /** Renders a nested subtree in the same state and alias space. */
    String renderNested(Operator op) {
        return op.accept(this);
    }
}
