package io.trickle.engine.dvm.op;

import java.util.List;

/** The recursive term's reference to its own CTE; its columns are the CTE's. */
public record RecursiveRef(String name, List<ColumnId> columns) implements Operator {

    public RecursiveRef {
        columns = List.copyOf(columns);
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitRecursiveRef(this);
    }

    @Override
    public String describe() {
        return "RecursiveRef " + name;
    }
}
