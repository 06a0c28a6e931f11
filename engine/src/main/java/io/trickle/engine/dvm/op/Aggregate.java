package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * GROUP BY: one output row per distinct value of the grouping keys (exactly one row when there are
 * none), with the grouping keys followed by the aggregates.
 */
public record Aggregate(Operator input, List<NamedExpr> groupKeys, List<AggregateCall> aggregates) implements Operator {

    public Aggregate {
        groupKeys = List.copyOf(groupKeys);
        aggregates = List.copyOf(aggregates);
    }

    /** A scalar aggregate has no grouping keys and always yields one row. */
    public boolean isScalar() {
        return groupKeys.isEmpty();
    }

    public List<ColumnId> keyColumns() {
        return groupKeys.stream().map(NamedExpr::id).toList();
    }

    @Override
    public List<ColumnId> columns() {
        List<ColumnId> all = new ArrayList<>(keyColumns());
        aggregates.forEach(a -> all.add(a.id()));
        return all;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new Aggregate(inputs.get(0), groupKeys, aggregates);
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.of("an aggregate (GROUP BY or an aggregate function: a group's value is replaced, not"
                + " extended, when rows arrive)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitAggregate(this);
    }

    @Override
    public String describe() {
        return "Aggregate keys [" + groupKeys.stream().map(NamedExpr::explain).collect(Collectors.joining(", "))
                + "] aggregates [" + aggregates.stream().map(AggregateCall::explain).collect(Collectors.joining(", ")) + "]";
    }
}
