package io.trickle.engine.dvm;

import io.trickle.engine.dvm.op.Aggregate;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Distinct;
import io.trickle.engine.dvm.op.Filter;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.Project;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.render.StateRenderer;
import io.trickle.engine.dvm.rewrite.Rewrites;
import io.trickle.engine.sql.PgType;
import io.trickle.engine.sql.RelationColumn;
import io.trickle.engine.sql.UnsupportedConstruct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a translated tree into a {@link DvmPlan}: normalising rewrites, the type of every column
 * (asked of the database through a {@link TypeOracle}), and the choice of how the top is kept.
 */
public final class DvmPlanner {

    private DvmPlanner() {
    }

    /**
     * @param translated  the translator's tree
     * @param outputNames the query's output column names, as PostgreSQL gives them
     * @param oracle      the database's answer to "which types do these queries yield"
     * @throws UnsupportedConstruct when the tree cannot be maintained differentially
     */
    public static DvmPlan plan(Operator translated, List<String> outputNames, TypeOracle oracle) {
        Operator tree = Rewrites.apply(translated);
        if (tree.columns().size() != outputNames.size()) {
            throw new UnsupportedConstruct("a query shape the differential engine reads with " + tree.columns().size()
                    + " columns instead of " + outputNames.size());
        }
        Map<ColumnId, PgType> types = new HashMap<>();
        probe(tree, types, oracle);
        Top top = choose(tree, outputNames, types);
        probe(top.fullTree(), types, oracle);
        requireComparableUnderInnerAggregates(tree, top);
        return new DvmPlan(tree, top, types);
    }

    private static Top choose(Operator tree, List<String> names, Map<ColumnId, PgType> types) {
        if (tree instanceof Project p) {
            if (p.input() instanceof Aggregate a) {
                return AggregateTop.of(p, null, a, names, types);
            }
            if (p.input() instanceof Filter h && h.input() instanceof Aggregate a) {
                return AggregateTop.of(p, h, a, names, types);
            }
        }
        if (tree instanceof Distinct d) {
            return new DistinctTop(d, names, types);
        }
        return new LinearTop(tree, names, types);
    }

    /** Asks the database for the types of every node's columns that are not known yet. */
    private static void probe(Operator root, Map<ColumnId, PgType> types, TypeOracle oracle) {
        Map<String, Operator> nodes = new LinkedHashMap<>();
        Map<Operator, Boolean> seen = new IdentityHashMap<>();
        collect(root, nodes, seen, types);
        if (nodes.isEmpty()) {
            return;
        }
        Map<String, String> queries = new LinkedHashMap<>();
        nodes.forEach((name, op) -> queries.put(name, StateRenderer.renderNew(op)));
        Map<String, List<PgType>> answer = oracle.typesOf(queries);
        nodes.forEach((name, op) -> {
            List<PgType> t = answer.get(name);
            for (int i = 0; i < op.columns().size(); i++) {
                types.putIfAbsent(op.columns().get(i), t.get(i));
            }
        });
    }

    private static void collect(Operator op, Map<String, Operator> nodes, Map<Operator, Boolean> seen,
                                Map<ColumnId, PgType> known) {
        if (seen.put(op, Boolean.TRUE) != null) {
            return;
        }
        if (!known.keySet().containsAll(op.columns())) {
            nodes.put("n" + (nodes.size() + 1), op);
        }
        for (Operator in : op.inputs()) {
            collect(in, nodes, seen, known);
        }
    }

    /**
     * An aggregate below the top is recomputed for its touched groups both after and before the
     * window; the state before is read as {@code now EXCEPT ALL added UNION ALL removed}, which needs
     * an equality operator on every source column it reads.
     */
    private static void requireComparableUnderInnerAggregates(Operator tree, Top top) {
        Aggregate topAggregate = top instanceof AggregateTop t ? t.aggregate() : null;
        visitInnerAggregates(tree, topAggregate, false);
    }

    private static void visitInnerAggregates(Operator op, Aggregate topAggregate, boolean underInner) {
        boolean inner = underInner || (op instanceof Aggregate a && a != topAggregate);
        if (inner && op instanceof Scan scan) {
            for (Scan.ScanColumn c : scan.scanColumns()) {
                RelationColumn rc = scan.relation().column(c.sourceColumn()).orElseThrow();
                if (!rc.type().hasEquality()) {
                    throw new UnsupportedConstruct("column " + scan.relation().qualifiedName() + "." + c.sourceColumn()
                            + " of type " + rc.type() + " (no equality operator) read below an inner GROUP BY");
                }
            }
        }
        for (Operator in : op.inputs()) {
            visitInnerAggregates(in, topAggregate, inner);
        }
    }

    /** The scans of a tree, in tree order. */
    public static List<Scan> scans(Operator op) {
        List<Scan> out = new ArrayList<>();
        if (op instanceof Scan s) {
            out.add(s);
        }
        for (Operator in : op.inputs()) {
            out.addAll(scans(in));
        }
        return out;
    }
}
