package io.trickle.engine.dvm.render;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each source's changes of the current window are: a relation (a temporary table during a
 * refresh) with the source's used columns under their own names and a weight column, consolidated
 * so that no row appears with both signs.
 *
 * @param deltaRelations the window relation of each source, by OID
 * @param unchanged      sources whose window is known to be empty (an IMMEDIATE table's maintenance
 *                       after a statement on another source): their state before the window is their
 *                       state now, and what reads their window is written so that the planner drops it
 */
public record SourceWindows(Map<Long, String> deltaRelations, Set<Long> unchanged) {

    public SourceWindows {
        deltaRelations = Map.copyOf(deltaRelations);
        unchanged = Set.copyOf(unchanged);
    }

    /** Windows none of which is known to be empty. */
    public SourceWindows(Map<Long, String> deltaRelations) {
        this(deltaRelations, Set.of());
    }

    /** Whether the source's window is known to be empty. */
    public boolean isUnchanged(long relationOid) {
        return unchanged.contains(relationOid);
    }

    public Optional<String> of(long relationOid) {
        return Optional.ofNullable(deltaRelations.get(relationOid));
    }

    public String require(long relationOid, String relationName) {
        return of(relationOid).orElseThrow(() -> new IllegalStateException("no change window for " + relationName));
    }
}
