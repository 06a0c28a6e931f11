package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Keeps the input rows for which every conjunct is true (WHERE, HAVING). */
public record Filter(Operator input, List<Expr> conjuncts) implements Operator {

    public Filter {
        conjuncts = List.copyOf(conjuncts);
        if (conjuncts.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one condition");
        }
    }

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
        return Rebuild.unchanged(this, inputs) ? this : new Filter(inputs.get(0), conjuncts);
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
        return visitor.visitFilter(this);
    }

    @Override
    public String describe() {
        return "Filter " + conjuncts.stream().map(Expr::explain).collect(Collectors.joining(" AND "));
    }
}
