package io.trickle.engine.dvm.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.Relation;
import io.trickle.engine.sql.RelationColumn;
import io.trickle.engine.sql.RelationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every operator the sealed {@link Operator} permits, enumerated by reflection and checked through a
 * sample of each: a new operator fails here until it has a sample and its declared properties are
 * reviewed in {@link #declared()}.
 */
class OperatorCatalogTest {

    private static int ids;

    private static ColumnId id(String hint) {
        return new ColumnId(hint + (++ids));
    }

    private static Scan scan(String name) {
        Relation r = new Relation(2000 + (++ids), "public", name, RelationKind.TABLE,
                List.of(new RelationColumn("k", PgType.BIGINT, true), new RelationColumn("v", PgType.BIGINT, false)),
                List.of("k"), false);
        return new Scan(r, name, List.of(new Scan.ScanColumn(id("k"), "k"), new Scan.ScanColumn(id("v"), "v")));
    }

    private static Expr equal(ColumnId a, ColumnId b) {
        return new Expr(Expr.marker(0) + " = " + Expr.marker(1), List.of(a, b));
    }

    private static Subplan subplan(Operator outer) {
        Scan body = scan("inner");
        return new Subplan(body, List.of(equal(body.columns().get(0), outer.columns().get(0))),
                List.of(new Subplan.KeyPair(Expr.column(body.columns().get(0)), Expr.column(outer.columns().get(0)))),
                List.of(Expr.column(body.columns().get(1))), List.of(), List.of(), List.of(), "", false);
    }

    /** One operator of each kind, over scans, keyed by its class. */
    static Map<Class<?>, Operator> samples() {
        Map<Class<?>, Operator> out = new LinkedHashMap<>();
        Scan a = scan("a");
        Scan b = scan("b");
        ColumnId ak = a.columns().get(0);
        out.put(Scan.class, a);
        out.put(Filter.class, new Filter(a, List.of(new Expr(Expr.marker(0) + " > 0", List.of(ak)))));
        out.put(Project.class, new Project(a, List.of(new NamedExpr(id("p"), Expr.column(ak)))));
        out.put(Join.class, new Join(JoinKind.INNER, a, b, List.of(equal(ak, b.columns().get(0)))));
        out.put(Aggregate.class, new Aggregate(a, List.of(new NamedExpr(id("g"), Expr.column(ak))),
                List.of(new AggregateCall(id("n"), AggregateKind.COUNT_STAR, Expr.constant("count(*)"), null, null, false))));
        out.put(Distinct.class, new Distinct(a));
        out.put(UnionAll.class, new UnionAll(List.of(a, b), List.of(id("u"), id("u"))));
        out.put(SetOp.class, new SetOp(SetOpKind.INTERSECT, false, a, b, List.of(id("i"), id("i"))));
        out.put(SemiJoin.class, new SemiJoin(false, a, b, List.of(equal(ak, b.columns().get(0)))));
        out.put(SubqueryValue.class, new SubqueryValue(a, subplan(a), Expr.constant("(" + SubqueryValue.PLACEHOLDER + ")"),
                id("s")));
        out.put(LateralSubquery.class, new LateralSubquery(a, subplan(a), true, List.of(id("l"))));
        out.put(LateralFunction.class, new LateralFunction(a, Expr.constant("generate_series(1, 3)"), null, List.of("c1"),
                List.of(id("f")), false));
        out.put(Window.class, new Window(a, List.of(new NamedExpr(id("w"), Expr.constant("rank() OVER ()"))), List.of()));
        out.put(TopK.class, new TopK(a, List.of(Expr.column(ak)), "LIMIT 3"));
        List<ColumnId> cte = List.of(id("r"), id("r"));
        RecursiveRef ref = new RecursiveRef("r", cte);
        out.put(RecursiveCte.class, new RecursiveCte("r", scan("base"), ref, true, cte));
        out.put(RecursiveRef.class, ref);
        out.put(Values.class, new Values(List.of(id("v")), List.of(List.of(Expr.constant("1")), List.of(Expr.constant("2")))));
        return out;
    }

    /**
     * What each sample declares, reviewed: what its delta reads, and whether it is monotone. Variants
     * whose answer depends on a field are listed after the samples.
     */
    private static Map<String, String> declared() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Scan", "INPUT_DELTAS monotone");
        out.put("Filter", "INPUT_DELTAS monotone");
        out.put("Project", "INPUT_DELTAS monotone");
        out.put("Join", "NEW_STATE monotone");
        out.put("Aggregate", "OLD_STATE not monotone");
        out.put("Distinct", "NEW_STATE monotone");
        out.put("UnionAll", "INPUT_DELTAS monotone");
        out.put("SetOp", "NEW_STATE monotone");
        out.put("SemiJoin", "NEW_STATE monotone");
        out.put("SubqueryValue", "OLD_STATE not monotone");
        out.put("LateralSubquery", "OLD_STATE not monotone");
        out.put("LateralFunction", "INPUT_DELTAS monotone");
        out.put("Window", "OLD_STATE not monotone");
        out.put("TopK", "OLD_STATE not monotone");
        out.put("RecursiveCte", "OLD_STATE monotone");
        out.put("RecursiveRef", "INPUT_DELTAS monotone");
        out.put("Values", "INPUT_DELTAS monotone");
        return out;
    }

    private static String declaration(Operator op) {
        return op.deltaReads() + (op.nonMonotone().isPresent() ? " not monotone" : " monotone");
    }

    @Test
    void everyPermittedOperatorHasASample() {
        Set<String> permitted = Arrays.stream(Operator.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> sampled = samples().keySet().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        assertEquals(permitted, sampled, "every operator needs a sample here, a golden case and an oracle case");
        assertEquals(permitted, declared().keySet());
        samples().forEach((type, op) -> assertSame(type, op.getClass()));
    }

    @Test
    void eachOperatorDeclaresTheReviewedProperties() {
        Map<String, String> actual = new LinkedHashMap<>();
        samples().forEach((type, op) -> actual.put(type.getSimpleName(), declaration(op)));
        assertEquals(declared(), actual);
    }

    @Test
    void propertiesThatDependOnAFieldFollowIt() {
        Scan a = scan("a");
        Scan b = scan("b");
        List<Expr> on = List.of(equal(a.columns().get(0), b.columns().get(0)));
        for (JoinKind kind : List.of(JoinKind.LEFT, JoinKind.RIGHT, JoinKind.FULL)) {
            assertEquals("NEW_STATE not monotone", declaration(new Join(kind, a, b, on)), kind.name());
        }
        assertEquals("NEW_STATE not monotone", declaration(new SemiJoin(true, a, b, on)));
        for (boolean all : new boolean[] {false, true}) {
            List<ColumnId> cols = List.of(id("x"), id("x"));
            assertEquals("NEW_STATE not monotone", declaration(new SetOp(SetOpKind.EXCEPT, all, a, b, cols)));
            assertEquals("NEW_STATE monotone", declaration(new SetOp(SetOpKind.INTERSECT, all, a, b, cols)));
        }
        assertEquals("INPUT_DELTAS monotone", declaration(new LateralFunction(a, Expr.constant("generate_series(1, 3)"),
                null, List.of("c1"), List.of(id("f")), true)));
    }

    @Test
    void rebuildingOverTheSameInputsKeepsTheNode() {
        for (Operator op : samples().values()) {
            assertSame(op, op.withInputs(new ArrayList<>(op.inputs())), op.describe());
        }
    }

    @Test
    void rebuildingOverNewInputsReplacesTheInputsAndKeepsTheRest() {
        for (Operator op : samples().values()) {
            if (op.inputs().isEmpty()) {
                continue;
            }
            List<Operator> replaced = new ArrayList<>();
            for (Operator in : op.inputs()) {
                replaced.add(new Filter(in, List.of(Expr.constant("true"))));
            }
            Operator rebuilt = op.withInputs(replaced);
            assertNotSame(op, rebuilt, op.describe());
            assertSame(op.getClass(), rebuilt.getClass());
            for (int i = 0; i < replaced.size(); i++) {
                assertSame(replaced.get(i), rebuilt.inputs().get(i), op.describe() + " input " + i);
            }
            assertEquals(op.columns(), rebuilt.columns());
            assertEquals(op.describe(), rebuilt.describe());
        }
    }

    @Test
    void aRebuildWithTheWrongNumberOfInputsIsRefused() {
        Operator filter = samples().get(Filter.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> filter.withInputs(List.of()));
        assertTrue(e.getMessage().contains("1 input(s), not 0"), e.getMessage());
    }
}
