package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

/**
 * WITH RECURSIVE name(columns) AS (base UNION [ALL] step): the least fixpoint. The step reads the
 * CTE itself through one {@link RecursiveRef} (linear recursion).
 */
public record RecursiveCte(String name, Operator base, Operator step, boolean unionAll, List<ColumnId> columns)
        implements Operator {

    public RecursiveCte {
        columns = List.copyOf(columns);
    }

    @Override
    public List<Operator> inputs() {
        return List.of(base, step);
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        return Rebuild.unchanged(this, inputs) ? this : new RecursiveCte(name, inputs.get(0), inputs.get(1), unionAll, columns);
    }

    @Override
    public Optional<String> nonMonotone() {
        // The least fixpoint of monotone terms grows with its sources; the terms are its inputs and
        // answer for themselves.
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.OLD_STATE;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitRecursiveCte(this);
    }

    @Override
    public String describe() {
        return "RecursiveCte " + name + (unionAll ? " UNION ALL" : " UNION") + " " + columns;
    }
}
