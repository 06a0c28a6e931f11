package io.trickle.engine.dvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.AggregateCall;
import io.trickle.engine.dvm.op.AggregateKind;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.dvm.op.Filter;
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
import io.trickle.engine.dvm.op.SemiJoin;
import io.trickle.engine.dvm.op.SetOp;
import io.trickle.engine.dvm.op.SetOpKind;
import io.trickle.engine.dvm.op.Subplan;
import io.trickle.engine.dvm.op.SubqueryValue;
import io.trickle.engine.dvm.op.TopK;
import io.trickle.engine.dvm.op.UnionAll;
import io.trickle.engine.dvm.op.Window;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationColumn;
import io.trickle.engine.sql.RelationKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which operator trees may take part in a cycle, and how a refusal names what is wrong. */
class MonotonicityTest {

    private static int scans;

    /** {@code SELECT src, dst FROM <name>}, with fresh column ids. */
    static Scan edges(String name) {
        scans++;
        Relation r = new Relation(1000 + scans, "public", name, RelationKind.TABLE,
                List.of(new RelationColumn("src", PgType.BIGINT, true), new RelationColumn("dst", PgType.BIGINT, true)),
                List.of(), false);
        return new Scan(r, name, List.of(new Scan.ScanColumn(new ColumnId(name + scans + "_src"), "src"),
                new Scan.ScanColumn(new ColumnId(name + scans + "_dst"), "dst")));
    }

    static Expr equal(ColumnId a, ColumnId b) {
        return new Expr(Expr.marker(0) + " = " + Expr.marker(1), List.of(a, b));
    }

    static UnionAll union(Operator a, Operator b) {
        return new UnionAll(List.of(a, b), List.of(new ColumnId("u" + (++scans)), new ColumnId("v" + scans)));
    }

    /** edges e JOIN reach r ON e.dst = r.src, projected to (e.src, r.dst). */
    static Operator extend(JoinKind kind) {
        Scan e = edges("edges");
        Scan r = edges("reach");
        Join j = new Join(kind, e, r, List.of(equal(e.columns().get(1), r.columns().get(0))));
        return new Project(j, List.of(new NamedExpr(new ColumnId("p" + (++scans)), Expr.column(e.columns().get(0))),
                new NamedExpr(new ColumnId("q" + scans), Expr.column(r.columns().get(1)))));
    }

    static String refusal(Operator tree) {
        Optional<String> found = Monotonicity.firstNonMonotone(tree);
        assertTrue(found.isPresent(), "expected a refusal for\n" + tree.explain());
        return found.get();
    }

    @Test
    void unionOfAnInnerJoinIsMonotone() {
        Operator reach = new Distinct(union(edges("edges"), extend(JoinKind.INNER)));
        assertEquals(Optional.empty(), Monotonicity.firstNonMonotone(reach));
    }

    @Test
    void filtersIntersectSemiJoinsFunctionsAndRecursionAreMonotone() {
        Scan e = edges("edges");
        Operator filtered = new Filter(e, List.of(new Expr(Expr.marker(0) + " > 0", List.of(e.columns().get(0)))));
        Scan other = edges("other");
        Operator semi = new SemiJoin(false, filtered, other, List.of(equal(e.columns().get(1), other.columns().get(0))));
        Operator intersect = new SetOp(SetOpKind.INTERSECT, false, semi, edges("reach"),
                List.of(new ColumnId("i1"), new ColumnId("i2")));
        Operator unnest = new LateralFunction(intersect, Expr.constant("generate_series(1, 3)"), null, List.of("g"),
                List.of(new ColumnId("g")), true);
        List<ColumnId> cteColumns = List.of(new ColumnId("c1"), new ColumnId("c2"));
        Operator recursive = new RecursiveCte("r", edges("base"), new RecursiveRef("r", cteColumns), false, cteColumns);
        assertEquals(Optional.empty(), Monotonicity.firstNonMonotone(unnest));
        assertEquals(Optional.empty(), Monotonicity.firstNonMonotone(recursive));
    }

    @Test
    void anAggregateIsNamed() {
        Scan e = edges("edges");
        Operator counted = new Aggregate(e, List.of(new NamedExpr(new ColumnId("k"), Expr.column(e.columns().get(0)))),
                List.of(new AggregateCall(new ColumnId("n"), AggregateKind.COUNT_STAR, Expr.constant("count(*)"), null,
                        null, false)));
        assertTrue(refusal(union(edges("edges"), counted)).startsWith("an aggregate"));
    }

    @Test
    void exceptAndAntiJoinsAreNamed() {
        Operator except = new SetOp(SetOpKind.EXCEPT, true, edges("edges"), edges("reach"),
                List.of(new ColumnId("x1"), new ColumnId("x2")));
        assertTrue(refusal(except).startsWith("EXCEPT ALL"));
        Scan e = edges("edges");
        Scan r = edges("reach");
        Operator notExists = new SemiJoin(true, e, r, List.of(equal(e.columns().get(1), r.columns().get(0))));
        assertTrue(refusal(new Distinct(notExists)).startsWith("NOT EXISTS / NOT IN"));
    }

    @Test
    void outerJoinsAreNamed() {
        assertTrue(refusal(extend(JoinKind.LEFT)).startsWith("a LEFT JOIN"));
        assertTrue(refusal(extend(JoinKind.FULL)).startsWith("a FULL JOIN"));
    }

    @Test
    void windowsTopKAndSubqueriesAreNamed() {
        Scan e = edges("edges");
        Operator ranked = new Window(e, List.of(new NamedExpr(new ColumnId("rk"), Expr.constant("rank() OVER ()"))),
                List.of());
        assertTrue(refusal(ranked).startsWith("a window function"));
        assertTrue(refusal(new TopK(edges("edges"), List.of(Expr.column(e.columns().get(0))), "LIMIT 3"))
                .startsWith("ORDER BY … LIMIT"));
        Subplan sub = new Subplan(edges("reach"), List.of(), List.of(), List.of(Expr.constant("max(1)")), List.of(),
                List.of(), List.of(), "", false);
        assertTrue(refusal(new SubqueryValue(e, sub, Expr.constant(SubqueryValue.PLACEHOLDER), new ColumnId("m")))
                .startsWith("a scalar subquery"));
        assertTrue(refusal(new LateralSubquery(edges("edges"), sub, false, List.of(new ColumnId("l"))))
                .startsWith("a LATERAL subquery"));
    }

    @Test
    void theFirstOffenderInTreeOrderIsNamed() {
        Operator left = extend(JoinKind.LEFT);
        Operator except = new SetOp(SetOpKind.EXCEPT, false, edges("edges"), edges("reach"),
                List.of(new ColumnId("y1"), new ColumnId("y2")));
        assertTrue(refusal(union(left, except)).startsWith("a LEFT JOIN"));
    }
}
