package io.trickle.engine.dvm.op;

import java.util.List;

/** Removes duplicate rows (SELECT DISTINCT, and UNION over UNION ALL). */
public record Distinct(Operator input) implements Operator {

    @Override
    public List<ColumnId> columns() {
        return input.columns();
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitDistinct(this);
    }

    @Override
    public String describe() {
        return "Distinct";
    }
}
