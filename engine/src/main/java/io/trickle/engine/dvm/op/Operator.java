package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of the operator tree that a defining query is translated into. Nodes are immutable; a
 * rewrite returns a new tree and keeps unchanged subtrees. Each node says what it is: its output
 * columns, how it is rebuilt over new inputs, and the properties planning asks about (whether it is
 * monotone, what its delta reads). These are abstract methods, so a new operator that leaves one
 * out does not compile; everything else (rendering, differentiation, row identity) is done by
 * visitors, so that adding an operator is a compile error wherever it must be handled too.
 * {@code OperatorCatalogTest} enumerates the permitted operators and checks each against a sample.
 */
public sealed interface Operator permits Scan, Filter, Project, Join, Aggregate, Distinct, UnionAll, SetOp, SemiJoin,
        SubqueryValue, LateralSubquery, LateralFunction, Window, TopK, RecursiveCte, RecursiveRef, Values {

    /** The output columns, in order. */
    List<ColumnId> columns();

    List<Operator> inputs();

    /**
     * The same node over {@code inputs} (in the order of {@link #inputs()}); this node itself when
     * every input is the same instance as before, so that "did anything change?" stays a reference
     * check for rewrites that walk the tree generically.
     */
    Operator withInputs(List<Operator> inputs);

    /**
     * Why adding rows to this operator's inputs can take a row out of its output, as a phrase that
     * names the construct; empty when it cannot (the operator is monotone in its inputs). Cycles of
     * stream tables and the semi-naive growth of a recursive CTE both ask this one question.
     */
    Optional<String> nonMonotone();

    /** What this operator's delta rule reads besides its inputs' deltas. */
    DeltaReads deltaReads();

    <R> R accept(OperatorVisitor<R> visitor);

    /** One line describing this node (without its inputs). */
    String describe();

    /** The first node of this subtree, in tree order, that is not monotone, with why; empty when none is. */
    default Optional<String> firstNonMonotone() {
        Optional<String> here = nonMonotone();
        if (here.isPresent()) {
            return here;
        }
        for (Operator in : inputs()) {
            Optional<String> below = in.firstNonMonotone();
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** The scans of this subtree, in tree order: the relations it reads. */
    default List<Scan> scans() {
        List<Scan> out = new ArrayList<>();
        if (this instanceof Scan s) {
            out.add(s);
        }
        for (Operator in : inputs()) {
            out.addAll(in.scans());
        }
        return out;
    }

    /** The whole subtree as indented text, as {@code trickle show} prints it. */
    default String explain() {
        StringBuilder sb = new StringBuilder();
        explainInto(sb, 0);
        return sb.toString();
    }

    private void explainInto(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append(describe()).append('\n');
        for (Operator in : inputs()) {
            in.explainInto(sb, depth + 1);
        }
    }
}
