package io.trickle.engine.catalog;

import java.util.List;

/** One row of {@code pgtrickle.pgt_dependencies}: a relation a stream table reads. */
public record Dependency(long pgtId, long sourceOid, String sourceSchema, String sourceName, String sourceType,
                         List<String> columnsUsed, String columnFingerprint) {

    public String displayName() {
        return io.trickle.engine.api.QualifiedName.of(sourceSchema, sourceName).toString();
    }
}
