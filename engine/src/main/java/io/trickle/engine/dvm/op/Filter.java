package io.trickle.engine.dvm.op;

import java.util.List;
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
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitFilter(this);
    }

    @Override
    public String describe() {
        return "Filter " + conjuncts.stream().map(Expr::explain).collect(Collectors.joining(" AND "));
    }
}
