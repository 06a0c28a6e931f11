package io.trickle.engine.catalog;

import java.util.List;

/**
 * One row of {@code pgtrickle.pgt_dependencies}: a relation a stream table reads.
 *
 * @param columnTypes each used column as {@code name:type} when the query was derived, by name (empty
 *                    for rows written before catalog 0.7.0.11): what a change to them is told against
 */
public record Dependency(long pgtId, long sourceOid, String sourceSchema, String sourceName, String sourceType,
                         List<String> columnsUsed, String columnFingerprint, List<String> columnTypes) {

    public Dependency {
        columnTypes = columnTypes == null ? List.of() : List.copyOf(columnTypes);
    }

    public String displayName() {
        return io.trickle.engine.api.QualifiedName.of(sourceSchema, sourceName).toString();
    }
}
