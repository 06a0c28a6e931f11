package io.trickle.engine.graph;

/**
 * Stream table {@code readerId} reads relation {@code sourceOid}: a plain source, or the storage
 * table of another stream table.
 */
public record Read(long readerId, long sourceOid) {
}
