package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Joins two inputs on a conjunction of conditions (empty = cross join). Output columns are the
 * left input's followed by the right input's.
 */
public record Join(JoinKind kind, Operator left, Operator right, List<Expr> conditions) implements Operator {

    public Join {
        conditions = List.copyOf(conditions);
    }

    @Override
    public List<ColumnId> columns() {
        List<ColumnId> all = new ArrayList<>(left.columns());
        all.addAll(right.columns());
        return all;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new Join(kind, inputs.get(0), inputs.get(1), conditions);
    }

    @Override
    public Optional<String> nonMonotone() {
        return kind == JoinKind.INNER ? Optional.empty()
                : Optional.of("a " + kind + " JOIN (an outer join removes its NULL-padded row when a partner arrives)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.NEW_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitJoin(this);
    }

    @Override
    public String describe() {
        String on = conditions.isEmpty() ? "true" : conditions.stream().map(Expr::explain).collect(Collectors.joining(" AND "));
        return "Join " + kind + " ON " + on;
    }
}
