package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code [LEFT] JOIN LATERAL (subquery) ON true}: for each input row, the rows of a correlated
 * subquery, appended as columns {@code outputs} (NULLs for a LEFT join without rows).
 */
public record LateralSubquery(Operator input, Subplan subplan, boolean leftJoin, List<ColumnId> outputs) implements Operator {

    public LateralSubquery {
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
        return List.of(input, subplan.body());
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new LateralSubquery(inputs.get(0), subplan.withBody(inputs.get(1)), leftJoin, outputs);
    }

    @Override
    public Optional<String> nonMonotone() {
        // Refused conservatively: some forms are monotone, but the tree keeps the subquery's tail as SQL text.
        return Optional.of("a LATERAL subquery (it may aggregate or limit per row)");
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitLateralSubquery(this);
    }

    @Override
    public String describe() {
        return (leftJoin ? "LeftLateral " : "Lateral ") + outputs + " := " + subplan.explain();
    }
}
