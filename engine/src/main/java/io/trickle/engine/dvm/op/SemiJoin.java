package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rows of the left input that have (semi) or have not (anti) a partner on the right under the
 * conditions: EXISTS, IN, ANY become semi-joins, NOT EXISTS, NOT IN and ALL anti-joins (the
 * translator writes the conditions so that SQL's NULL rules hold). Output: the left columns.
 */
public record SemiJoin(boolean anti, Operator left, Operator right, List<Expr> conditions) implements Operator {

    public SemiJoin {
        conditions = List.copyOf(conditions);
    }

    @Override
    public List<ColumnId> columns() {
        return left.columns();
    }

    @Override
    public List<Operator> inputs() {
        return List.of(left, right);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new SemiJoin(anti, inputs.get(0), inputs.get(1), conditions);
    }

    @Override
    public Optional<String> nonMonotone() {
        return anti ? Optional.of("NOT EXISTS / NOT IN (an anti-join: a row arriving in the subquery removes rows"
                + " from the result)") : Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.NEW_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitSemiJoin(this);
    }

    @Override
    public String describe() {
        String on = conditions.isEmpty() ? "true" : conditions.stream().map(Expr::explain).collect(Collectors.joining(" AND "));
        return (anti ? "AntiJoin" : "SemiJoin") + " ON " + on;
    }
}
