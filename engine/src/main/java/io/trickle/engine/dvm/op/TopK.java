package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ORDER BY … LIMIT n [OFFSET m]}: the first rows of the input in an order. {@code orderBy}
 * items carry their direction in the template; {@code limit} is the LIMIT/OFFSET text.
 */
public record TopK(Operator input, List<Expr> orderBy, String limit) implements Operator {

    public TopK {
        orderBy = List.copyOf(orderBy);
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
        return Rebuild.unchanged(this, inputs) ? this : new TopK(inputs.get(0), orderBy, limit);
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.of("ORDER BY … LIMIT (a row arriving can push another out)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitTopK(this);
    }

    @Override
    public String describe() {
        return "TopK ORDER BY " + orderBy.stream().map(Expr::explain).collect(Collectors.joining(", ")) + " " + limit;
    }
}
