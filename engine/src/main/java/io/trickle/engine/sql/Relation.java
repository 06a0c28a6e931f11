package io.trickle.engine.sql;

import java.util.List;
import java.util.Optional;

/**
 * A relation a query reads, resolved against the database.
 *
 * @param oid          its OID in this database (runtime only: nothing the engine stores depends on it)
 * @param schema       its schema
 * @param name         its name
 * @param kind         table, view, …
 * @param columns      its live columns in attribute order
 * @param primaryKey   its primary key columns, empty when it has none
 * @param streamTable  whether it is the storage table of a stream table
 */
public record Relation(long oid, String schema, String name, RelationKind kind, List<RelationColumn> columns,
                       List<String> primaryKey, boolean streamTable) {

    public Relation {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<RelationColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Columns the query may see: a stream table's own {@code __pgt_} columns are hidden. */
    public List<RelationColumn> visibleColumns() {
        return columns.stream().filter(c -> !c.name().startsWith("__pgt_")).toList();
    }

    public String qualifiedName() {
        return io.trickle.engine.api.QualifiedName.of(schema, name).toString();
    }
}
