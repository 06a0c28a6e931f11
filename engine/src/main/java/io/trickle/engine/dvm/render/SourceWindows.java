package io.trickle.engine.dvm.render;

import java.util.Map;
import java.util.Optional;

/**
 * Where each source's changes of the current window are: a relation (a temporary table during a
 * refresh) with the source's used columns under their own names and a weight column, consolidated
 * so that no row appears with both signs.
 */
public record SourceWindows(Map<Long, String> deltaRelations) {

    public SourceWindows {
        deltaRelations = Map.copyOf(deltaRelations);
    }

    public Optional<String> of(long relationOid) {
        return Optional.ofNullable(deltaRelations.get(relationOid));
    }

    public String require(long relationOid, String relationName) {
        return of(relationOid).orElseThrow(() -> new IllegalStateException("no change window for " + relationName));
    }
}
