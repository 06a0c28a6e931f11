package io.trickle.engine.lifecycle;

import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.GraphTable;
import io.trickle.engine.graph.Read;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The dependency graph of the stream tables as the catalog records it, read in the caller's transaction. */
public final class CatalogGraph {

    private CatalogGraph() {
    }

    public static DependencyGraph read(Connection c) throws SQLException {
        return read(c, -1, List.of());
    }

    /**
     * The graph as it would be if stream table {@code pgtId} read {@code sourceOids} instead of what
     * the catalog says it reads: what an alter is about to make of it.
     */
    public static DependencyGraph read(Connection c, long pgtId, Collection<Long> sourceOids) throws SQLException {
        List<GraphTable> tables = new ArrayList<>();
        for (StreamTableRow row : new StreamTableRepository().all(c)) {
            tables.add(new GraphTable(row.id(), row.displayName(), row.storageOid(), row.parsedSchedule(),
                    row.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE));
        }
        List<Read> reads = new ArrayList<>();
        for (Dependency d : new DependencyRepository().all(c)) {
            if (d.pgtId() != pgtId) {
                reads.add(new Read(d.pgtId(), d.sourceOid()));
            }
        }
        for (long oid : sourceOids) {
            reads.add(new Read(pgtId, oid));
        }
        return DependencyGraph.of(tables, reads);
    }
}
