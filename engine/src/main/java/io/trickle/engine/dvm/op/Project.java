package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes the output columns from expressions over the input (the SELECT list). */
public record Project(Operator input, List<NamedExpr> outputs) implements Operator {

    public Project {
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("a projection has at least one output");
        }
    }

    @Override
    public List<ColumnId> columns() {
        return outputs.stream().map(NamedExpr::id).toList();
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new Project(inputs.get(0), outputs);
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.INPUT_DELTAS;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitProject(this);
    }

    @Override
    public String describe() {
        return "Project [" + outputs.stream().map(NamedExpr::explain).collect(Collectors.joining(", ")) + "]";
    }
}
