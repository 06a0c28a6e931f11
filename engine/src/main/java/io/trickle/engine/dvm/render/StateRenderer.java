package io.trickle.engine.dvm.render;

import static io.trickle.engine.dvm.render.SqlWriter.WEIGHT;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    private int aliasCounter;

    private StateRenderer(State state, SourceWindows windows) {
        this.state = state;
        this.windows = windows;
    }

    public static String render(Operator op, State state, SourceWindows windows) {
        return op.accept(new StateRenderer(state, windows));
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
        String select = scan.scanColumns().stream()
                .map(c -> t + "." + ident(c.sourceColumn()) + " AS " + ident(c.id()))
                .collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM " + source(scan) + " " + t;
    }

    private String source(Scan scan) {
        String table = SqlWriter.ident(scan.relation().schema()) + "." + SqlWriter.ident(scan.relation().name());
        if (state == State.NEW) {
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
        return "(SELECT " + list + " FROM " + table
                + " EXCEPT ALL SELECT " + dlist + " FROM " + delta + " d CROSS JOIN LATERAL generate_series(1, d." + WEIGHT
                + ") WHERE d." + WEIGHT + " > 0"
                + " UNION ALL SELECT " + dlist + " FROM " + delta + " d CROSS JOIN LATERAL generate_series(1, -d." + WEIGHT
                + ") WHERE d." + WEIGHT + " < 0)";
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
        return "SELECT " + project.outputs().stream()
                .map(o -> expr(o.expr(), s) + " AS " + ident(o.id()))
                .collect(Collectors.joining(", ")) + " FROM (" + inner + ") " + s;
    }

    @Override
    public String visitJoin(Join join) {
        String left = join.left().accept(this);
        String right = join.right().accept(this);
        String l = alias();
        String r = alias();
        Set<ColumnId> leftCols = new HashSet<>(join.left().columns());
        String on = SqlWriter.and(join.conditions().stream()
                .map(c -> expr(c, id -> col(leftCols.contains(id) ? l : r, id))).toList());
        return "SELECT " + cols(l, join.left().columns()) + ", " + cols(r, join.right().columns())
                + " FROM (" + left + ") " + l + " " + join.kind().sql() + " (" + right + ") " + r + " ON " + on;
    }

    @Override
    public String visitAggregate(Aggregate aggregate) {
        String inner = aggregate.input().accept(this);
        String s = alias();
        List<String> select = new ArrayList<>();
        for (NamedExpr k : aggregate.groupKeys()) {
            select.add(expr(k.expr(), s) + " AS " + ident(k.id()));
        }
        for (AggregateCall a : aggregate.aggregates()) {
            select.add(expr(a.call(), s) + " AS " + ident(a.id()));
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM (" + inner + ") " + s;
        if (!aggregate.isScalar()) {
            List<String> positions = new ArrayList<>();
            for (int i = 1; i <= aggregate.groupKeys().size(); i++) {
                positions.add(String.valueOf(i));
            }
            sql += " GROUP BY " + String.join(", ", positions);
        }
        return sql;
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
            List<String> select = new ArrayList<>();
            for (int i = 0; i < union.columns().size(); i++) {
                select.add(col(s, b.columns().get(i)) + " AS " + ident(union.columns().get(i)));
            }
            branches.add("SELECT " + String.join(", ", select) + " FROM (" + inner + ") " + s);
        }
        return String.join(" UNION ALL ", branches);
    }

    /** Renders an expression over one alias (a convenience for callers that build SQL around a state). */
    public static String write(Expr e, String alias) {
        return expr(e, alias);
    }
}
