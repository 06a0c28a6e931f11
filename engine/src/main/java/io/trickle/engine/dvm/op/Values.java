package io.trickle.engine.dvm.op;

import java.util.List;
import java.util.Optional;

/**
 * A VALUES list in FROM ({@code (VALUES (1, 'one'), (2, 'two')) AS v(k, label)}): constant rows, read
 * like a relation that never changes. Its delta is always empty; a join with it is maintained
 * through the other side alone.
 *
 * @param columns the output columns, one per position of a row
 * @param rows    the rows, each an expression per column, reading no column
 */
public record Values(List<ColumnId> columns, List<List<Expr>> rows) implements Operator {

    public Values {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a VALUES list has at least one row");
        }
        for (List<Expr> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("every row of a VALUES list has " + columns.size() + " values");
            }
            if (row.stream().anyMatch(e -> !e.refs().isEmpty())) {
                throw new IllegalArgumentException("a VALUES list reads no column");
            }
        }
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public Operator withInputs(List<Operator> inputs) {
        Rebuild.unchanged(this, inputs);
        return this;
    }

    @Override
    public Optional<String> nonMonotone() {
        return Optional.empty();
    }

    @Override
    public DeltaReads deltaReads() {
        return DeltaReads.INPUT_DELTAS;
    }

    @Override
    public <R> R accept(OperatorVisitor<R> visitor) {
        return visitor.visitValues(this);
    }

    @Override
    public String describe() {
        return "Values " + columns + " (" + rows.size() + (rows.size() == 1 ? " row)" : " rows)");
    }
}
