package io.trickle.engine.dvm.op;

import io.trickle.engine.sql.Relation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a base relation (a table or another stream table's storage).
 *
 * @param relation the relation
 * @param alias    the name the query gave it
 * @param scanColumns the columns read, each with the id it gets in the tree
 */
public record Scan(Relation relation, String alias, List<ScanColumn> scanColumns) implements Operator {

    /** One column read from the relation. */
    public record ScanColumn(ColumnId id, String sourceColumn) {
    }

    public Scan {
        scanColumns = List.copyOf(scanColumns);
        if (scanColumns.isEmpty()) {
            throw new IllegalArgumentException("a scan reads at least one column");
        }
    }

    @Override
    public List<ColumnId> columns() {
        return scanColumns.stream().map(ScanColumn::id).toList();
    }

    public Optional<ColumnId> idOf(String sourceColumn) {
        return scanColumns.stream().filter(c -> c.sourceColumn().equals(sourceColumn)).map(ScanColumn::id).findFirst();
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
        return visitor.visitScan(this);
    }

    @Override
    public String describe() {
        return "Scan " + relation.qualifiedName() + " AS " + alias + " [" + scanColumns.stream()
                .map(c -> c.id().name().equals(c.sourceColumn()) ? c.id().name() : c.id().name() + " := " + c.sourceColumn())
                .collect(Collectors.joining(", ")) + "]";
    }
}
