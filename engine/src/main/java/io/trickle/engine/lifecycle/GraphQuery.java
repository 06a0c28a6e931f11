package io.trickle.engine.lifecycle;

import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.catalog.Dependency;
import io.trickle.engine.catalog.DependencyRepository;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dependency graph as the catalog records it. */
public final class GraphQuery {

    private GraphQuery() {
    }

    public static DependencyGraph read(Connection c) throws SQLException {
        Map<String, DependencyGraph.Node> nodes = new LinkedHashMap<>();
        Map<Long, StreamTableRow> byId = new HashMap<>();
        Map<Long, StreamTableRow> byStorage = new HashMap<>();
        for (StreamTableRow t : new StreamTableRepository().all(c)) {
            byId.put(t.id(), t);
            byStorage.put(t.storageOid(), t);
            nodes.put(t.displayName(), new DependencyGraph.Node(t.displayName(), DependencyGraph.Kind.STREAM_TABLE,
                    t.status(), t.sccId()));
        }
        List<DependencyGraph.Edge> edges = new ArrayList<>();
        for (Dependency d : new DependencyRepository().all(c)) {
            StreamTableRow reader = byId.get(d.pgtId());
            if (reader == null) {
                continue;
            }
            StreamTableRow upstream = byStorage.get(d.sourceOid());
            String from = upstream != null ? upstream.displayName() : QualifiedName.of(d.sourceSchema(), d.sourceName()).toString();
            if (upstream == null) {
                nodes.putIfAbsent(from, new DependencyGraph.Node(from, kind(d.sourceType()), null, null));
            }
            edges.add(new DependencyGraph.Edge(from, reader.displayName()));
        }
        return new DependencyGraph(new ArrayList<>(nodes.values()), edges);
    }

    private static DependencyGraph.Kind kind(String sourceType) {
        return switch (sourceType) {
            case "VIEW" -> DependencyGraph.Kind.VIEW;
            case "MATVIEW" -> DependencyGraph.Kind.MATERIALIZED_VIEW;
            case "FOREIGN_TABLE" -> DependencyGraph.Kind.FOREIGN_TABLE;
            default -> DependencyGraph.Kind.TABLE;
        };
    }
}
