package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

/** The recursive term's reference to its own CTE; its columns are the CTE's. */
public record RecursiveRef(String name, List<ColumnId> columns) implements Operator {

    public RecursiveRef {
        columns = List.copyOf(columns);
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        Rebuild.unchanged(this, inputs);
        return this;
    }

    @Override
    public Optional<String> nonMonotone() {
        // The working table is held fixed while the recursive term is evaluated.
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.INPUT_DELTAS;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitRecursiveRef(this);
    }

    @Override
    public String describe() {
        return "RecursiveRef " + name;
    }
}
