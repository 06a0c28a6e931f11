package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set-returning function in FROM ({@code unnest(t.arr)}, {@code jsonb_each(t.doc)},
 * {@code generate_series(…)}, {@code ROWS FROM (…)}), evaluated for each input row; its columns are
 * appended as {@code outputs}. {@code call} is the FROM item's text over the input columns;
 * {@code columnDefinitions} is the column definition list a record-returning function needs, or null.
 */
public record LateralFunction(Operator input, Expr call, String columnDefinitions, List<String> functionColumns,
                              List<ColumnId> outputs, boolean leftJoin) implements Operator {

    public LateralFunction {
        functionColumns = List.copyOf(functionColumns);
        outputs = List.copyOf(outputs);
    }

    @Override
    public List<ColumnId> columns() {
        List<ColumnId> all = new ArrayList<>(input.columns());
        all.addAll(outputs);
        return all;
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new LateralFunction(inputs.get(0), call, columnDefinitions, functionColumns, outputs, leftJoin);
    }

    @Override
    public Optional<String> nonMonotone() {
        // Each input row yields its own rows, whatever the other rows; a LEFT one's NULL-padded row
        // depends on its input row alone too, so no arriving row can take it away.
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.INPUT_DELTAS;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitLateralFunction(this);
    }

    @Override
    public String describe() {
        return (leftJoin ? "LeftLateralFunction " : "LateralFunction ") + call.explain() + " -> " + outputs;
    }
}
