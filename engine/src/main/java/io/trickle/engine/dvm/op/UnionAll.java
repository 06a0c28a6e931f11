package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Concatenates its inputs (UNION ALL). The inputs have the same number of columns; the output
 * columns are new ids, matched to the inputs' columns by position.
 */
public record UnionAll(List<Operator> branches, List<ColumnId> columns) implements Operator {

    public UnionAll {
        branches = List.copyOf(branches);
        columns = List.copyOf(columns);
        for (Operator b : branches) {
            if (b.columns().size() != columns.size()) {
                throw new IllegalArgumentException("UNION branches have different numbers of columns");
            }
        }
    }

    @Override
    public List<Operator> inputs() {
        return branches;
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new UnionAll(inputs, columns);
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
        return visitor.visitUnionAll(this);
    }

    @Override
    public String describe() {
        return "UnionAll [" + columns.stream().map(ColumnId::name).collect(Collectors.joining(", ")) + "]";
    }
}
