package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

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

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new SetOp(kind, all, inputs.get(0), inputs.get(1), columns);
    }

    @Override
    public Optional<String> nonMonotone() {
        // INTERSECT [ALL] is monotone: min(a, b), and its set form [a > 0 and b > 0], never decrease
        // when a row arrives on either side, so cycles and the semi-naive growth of a recursive CTE
        // may both use it. (pg_trickle refused INTERSECT in a recursive term because its step could
        // read the working table through it, where linearity, not monotonicity, is at stake; here the
        // working table may only sit under projections, filters and inner joins.) EXCEPT is not
        // monotone: a row arriving on the right removes one from the result.
        return kind == SetOpKind.EXCEPT ? Optional.of("EXCEPT" + (all ? " ALL" : "") + " (a row arriving on the right"
                + " removes one from the result)") : Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.NEW_STATE;
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
