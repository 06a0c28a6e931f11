package io.trickle.engine.lifecycle;

import io.trickle.engine.refresh.Dependencies;
import io.trickle.engine.refresh.Derivation;
import io.trickle.engine.sql.Relation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What create and alter find before they change anything: the capture to install first, and the
 * tables to lock against writers — after checking that the caller may read and capture all of them.
 */
record CheckedSources(Map<Relation, Set<String>> needs, List<Long> toLock) {

    static CheckedSources check(Connection c, String doing, Derivation d, List<Relation> toLock) throws SQLException {
        Map<Relation, Set<String>> needing = Dependencies.captureNeeds(c, d);
        Set<Relation> touched = new LinkedHashSet<>(needing.keySet());
        touched.addAll(toLock);
        SourceRights.requireSources(c, doing, d.probe(), List.copyOf(touched));
        return new CheckedSources(needing, Sessions.oids(toLock));
    }

    /**
     * The isolation of the main transaction. Locking sources takes DDL, which takes its snapshot before
     * it waits: READ COMMITTED then, whose later statements see the sources as the locks leave them.
     */
    int isolation() {
        return toLock.isEmpty() ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED;
    }
}
