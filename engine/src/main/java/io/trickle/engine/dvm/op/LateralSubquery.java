package io.trickle.engine.dvm.op;

import java.util.ArrayList;
import java.util.List;

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
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitLateralSubquery(this);
    }

    @Override
    public String describe() {
        return (leftJoin ? "LeftLateral " : "Lateral ") + outputs + " := " + subplan.explain();
    }
}
