package io.trickle.engine.dvm.op;

import java.util.List;

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
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitRecursiveCte(this);
    }

    @Override
    public String describe() {
        return "RecursiveCte " + name + (unionAll ? " UNION ALL" : " UNION") + " " + columns;
    }
}
