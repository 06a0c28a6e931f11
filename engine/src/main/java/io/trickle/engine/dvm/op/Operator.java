package io.trickle.engine.dvm.op;

import java.util.List;

/**
 * A node of the operator tree that a defining query is translated into. Nodes are immutable; a
 * rewrite returns a new tree and keeps unchanged subtrees. Each node knows its output columns and
 * can describe itself; everything else (rendering, differentiation, row identity) is done by
 * visitors, so that adding an operator is a compile error wherever it must be handled.
 */
public sealed interface Operator permits Scan, Filter, Project, Join, Aggregate, Distinct, UnionAll, SetOp, SemiJoin,
        SubqueryValue, LateralSubquery, LateralFunction, Window, TopK, RecursiveCte, RecursiveRef {

    /** The output columns, in order. */
    List<ColumnId> columns();

    List<Operator> inputs();

    <R> R accept(OperatorVisitor<R> visitor);

    /** One line describing this node (without its inputs). */
    String describe();

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
