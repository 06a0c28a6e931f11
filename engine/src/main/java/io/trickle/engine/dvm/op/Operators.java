package io.trickle.engine.dvm.op;

import java.util.List;

/** Rebuilding a node around new inputs, for rewrites that walk the tree generically. */
public final class Operators {

    private Operators() {
    }

    /**
     * The same node over {@code inputs} (in the order of {@link Operator#inputs()}); the node itself
     * when nothing changed, so that "did anything change?" stays a reference check.
     */
    public static Operator withInputs(Operator op, List<Operator> inputs) {
        if (inputs.equals(op.inputs()) && sameInstances(inputs, op.inputs())) {
            return op;
        }
        if (op instanceof Scan || op instanceof RecursiveRef) {
            return op;
        }
        if (op instanceof Filter f) {
            return new Filter(inputs.get(0), f.conjuncts());
        }
        if (op instanceof Project p) {
            return new Project(inputs.get(0), p.outputs());
        }
        if (op instanceof Join j) {
            return new Join(j.kind(), inputs.get(0), inputs.get(1), j.conditions());
        }
        if (op instanceof Aggregate a) {
            return new Aggregate(inputs.get(0), a.groupKeys(), a.aggregates());
        }
        if (op instanceof Distinct) {
            return new Distinct(inputs.get(0));
        }
        if (op instanceof UnionAll u) {
            return new UnionAll(inputs, u.columns());
        }
        if (op instanceof SetOp s) {
            return new SetOp(s.kind(), s.all(), inputs.get(0), inputs.get(1), s.columns());
        }
        if (op instanceof SemiJoin s) {
            return new SemiJoin(s.anti(), inputs.get(0), inputs.get(1), s.conditions());
        }
        if (op instanceof SubqueryValue v) {
            return new SubqueryValue(inputs.get(0), withBody(v.subplan(), inputs.get(1)), v.value(), v.output());
        }
        if (op instanceof LateralSubquery l) {
            return new LateralSubquery(inputs.get(0), withBody(l.subplan(), inputs.get(1)), l.leftJoin(), l.outputs());
        }
        if (op instanceof LateralFunction f) {
            return new LateralFunction(inputs.get(0), f.call(), f.columnDefinitions(), f.functionColumns(), f.outputs(), f.leftJoin());
        }
        if (op instanceof Window w) {
            return new Window(inputs.get(0), w.calls(), w.partition());
        }
        if (op instanceof TopK t) {
            return new TopK(inputs.get(0), t.orderBy(), t.limit());
        }
        if (op instanceof RecursiveCte r) {
            return new RecursiveCte(r.name(), inputs.get(0), inputs.get(1), r.unionAll(), r.columns());
        }
        throw new IllegalStateException("unknown operator " + op.getClass());
    }

    private static Subplan withBody(Subplan p, Operator body) {
        return new Subplan(body, p.correlation(), p.keys(), p.items(), p.groupBy(), p.having(), p.orderBy(), p.limit(),
                p.distinct());
    }

    private static boolean sameInstances(List<Operator> a, List<Operator> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
