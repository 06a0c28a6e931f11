package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Window functions over the input: each call ({@code rank() OVER (PARTITION BY … ORDER BY …)}) becomes
 * a column appended to the input's. {@code partition} is the PARTITION BY that every call shares
 * (empty when there is none, or when the calls partition differently): a change can only affect the
 * rows of the partitions it touches.
 */
public record Window(Operator input, List<NamedExpr> calls, List<Expr> partition) implements Operator {

    public Window {
        calls = List.copyOf(calls);
        partition = List.copyOf(partition);
    }

    @Override
    public List<ColumnId> columns() {
        List<ColumnId> all = new ArrayList<>(input.columns());
        calls.forEach(c -> all.add(c.id()));
        return all;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new Window(inputs.get(0), calls, partition);
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.of("a window function (a row's value depends on the other rows of its partition)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitWindow(this);
    }

    @Override
    public String describe() {
        return "Window [" + calls.stream().map(NamedExpr::explain).collect(Collectors.joining(", ")) + "]"
                + (partition.isEmpty() ? "" : " partitions [" + partition.stream().map(Expr::explain)
                .collect(Collectors.joining(", ")) + "]");
    }
}
