package io.trickle.engine.dvm.op;

import java.util.List;

/**
 * INTERSECT [ALL] or EXCEPT [ALL] of two inputs with the same number of columns. A row that appears
 * a times on the left and b times on the right appears min(a, b) times after INTERSECT ALL,
 * max(a − b, 0) times after EXCEPT ALL, and at most once (when the ALL count is positive) without ALL.
 */
public record SetOp(SetOpKind kind, boolean all, Operator left, Operator right, List<ColumnId> columns) implements Operator {

    public SetOp {
        columns = List.copyOf(columns);
        if (left.columns().size() != columns.size() || right.columns().size() != columns.size()) {
            throw new IllegalArgumentException(kind + " inputs have different numbers of columns");
        }
    }

    /** The multiplicity of a row that appears {@code a} times on the left and {@code b} on the right, as SQL. */
    public String multiplicity(String left, String right) {
        String a = "(" + left + ")";
        String b = "(" + right + ")";
        return switch (kind) {
            case INTERSECT -> all ? "least(" + a + ", " + b + ")" : "(CASE WHEN " + a + " > 0 AND " + b + " > 0 THEN 1 ELSE 0 END)";
            case EXCEPT -> all ? "greatest(" + a + " - " + b + ", 0)" : "(CASE WHEN " + a + " > 0 AND " + b + " = 0 THEN 1 ELSE 0 END)";
        };
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitSetOp(this);
    }

    @Override
    public String describe() {
        return kind + (all ? " ALL" : "");
    }
}
