package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

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
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new Distinct(inputs.get(0));
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.NEW_STATE;
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
