package io.trickle.engine.dvm;

import io.trickle.engine.dvm.delta.Top;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.DeltaReads;
import io.trickle.engine.dvm.op.Operator;
import io.trickle.engine.dvm.op.RecursiveCte;
import io.trickle.engine.dvm.op.Scan;
import io.trickle.engine.dvm.render.ReservedNames;
import io.trickle.engine.dvm.render.SourceWindows;
import io.trickle.engine.dvm.render.SqlWriter;
import io.trickle.engine.dvm.render.State;
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
        Top top = Top.of(tree, outputNames, types);
        probe(top.fullTree(), types, oracle);
        requireComparableUnderInnerAggregates(tree, top);
        return new DvmPlan(tree, top, types);
    }

    /** Asks the database for the types of every node's columns that are not known yet. */
    private static void probe(Operator root, Map<ColumnId, PgType> types, TypeOracle oracle) {
        Map<String, Operator> nodes = new LinkedHashMap<>();
        Map<Operator, Boolean> seen = new IdentityHashMap<>();
        collect(root, nodes, seen, types);
        if (nodes.isEmpty()) {
            return;
        }
        ask(nodes, Map.of(), types, oracle);
        // The nodes of a recursive term are typed with the working table bound to an empty relation
        // of the CTE's column types (its delta reads them when the CTE is maintained semi-naively).
        List<RecursiveCte> ctes = new ArrayList<>();
        collectRecursive(root, ctes);
        for (RecursiveCte cte : ctes) {
            Map<String, Operator> stepNodes = new LinkedHashMap<>();
            collect(cte.step(), stepNodes, new IdentityHashMap<>(), types);
            if (stepNodes.isEmpty()) {
                continue;
            }
            List<String> empty = new ArrayList<>();
            for (ColumnId c : cte.columns()) {
                empty.add(SqlWriter.nullOf(types.get(c)) + " AS " + SqlWriter.ident(c));
            }
            ask(stepNodes, Map.of(cte.name(), "(SELECT " + String.join(", ", empty) + " WHERE false) " + ReservedNames.EMPTY),
                    types, oracle);
        }
    }

    private static void ask(Map<String, Operator> nodes, Map<String, String> bindings, Map<ColumnId, PgType> types,
                            TypeOracle oracle) {
        Map<String, String> queries = new LinkedHashMap<>();
        SourceWindows none = new SourceWindows(Map.of());
        nodes.forEach((name, op) -> queries.put(name, StateRenderer.render(op, State.NEW, none, bindings)));
        Map<String, List<PgType>> answer = oracle.typesOf(queries);
        nodes.forEach((name, op) -> {
            List<PgType> t = answer.get(name);
            for (int i = 0; i < op.columns().size(); i++) {
                types.putIfAbsent(op.columns().get(i), t.get(i));
            }
        });
    }

    private static void collectRecursive(Operator op, List<RecursiveCte> out) {
        if (op instanceof RecursiveCte r) {
            out.add(r);
        }
        for (Operator in : op.inputs()) {
            collectRecursive(in, out);
        }
    }

    private static void collect(Operator op, Map<String, Operator> nodes, Map<Operator, Boolean> seen,
                                Map<ColumnId, PgType> known) {
        if (seen.put(op, Boolean.TRUE) != null) {
            return;
        }
        if (!known.keySet().containsAll(op.columns())) {
            nodes.put("n" + (nodes.size() + 1), op);
        }
        // A recursive term reads the working table, which exists only inside the CTE: its nodes are
        // never rendered on their own (the CTE's columns carry the types).
        List<Operator> inputs = op instanceof RecursiveCte r ? List.of(r.base()) : op.inputs();
        for (Operator in : inputs) {
            collect(in, nodes, seen, known);
        }
    }

    /**
     * Some operators read the sources as they were before the window (they say so: {@link
     * DeltaReads#OLD_STATE}; aggregates below the top, window functions, top-k, recursive CTEs,
     * subqueries): a keyless source is then read as {@code now EXCEPT ALL added UNION ALL removed},
     * which needs an equality operator on every column it reads.
     */
    private static void requireComparableUnderInnerAggregates(Operator tree, Top top) {
        visitOldStateReaders(tree, top.keptInStorage().orElse(null), false);
    }

    private static void visitOldStateReaders(Operator op, Operator keptInStorage, boolean readsOld) {
        // The operator kept in the storage table reads its old state from there, not from the sources.
        boolean old = readsOld || (op.deltaReads() == DeltaReads.OLD_STATE && op != keptInStorage);
        if (old && op instanceof Scan scan && scan.relation().primaryKey().isEmpty()) {
            for (Scan.ScanColumn c : scan.scanColumns()) {
                RelationColumn rc = scan.relation().column(c.sourceColumn()).orElseThrow();
                if (!rc.type().hasEquality()) {
                    throw new UnsupportedConstruct("column " + scan.relation().qualifiedName() + "." + c.sourceColumn()
                            + " of type " + rc.type() + " (no equality operator) in a keyless table read by an operator"
                            + " that recomputes");
                }
            }
        }
        for (Operator in : op.inputs()) {
            visitOldStateReaders(in, keptInStorage, old);
        }
    }
}
