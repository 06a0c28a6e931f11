package io.trickle.engine.api;

import java.util.List;

/**
 * Stream tables and the relations they read, as a graph: an edge goes from a relation to the stream
 * table that reads it (data flows along the edges).
 */
public record DependencyGraph(List<Node> nodes, List<Edge> edges) {

    /** What a node is. */
    public enum Kind { STREAM_TABLE, TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE }

    /**
     * A node.
     *
     * @param name   qualified name
     * @param kind   stream table or source kind
     * @param status the stream table's status, null for sources
     * @param sccId  the strongly connected component a stream table belongs to, or null
     */
    public record Node(String name, Kind kind, String status, Integer sccId) {
    }

    /** Data flows from {@code from} to {@code to}. */
    public record Edge(String from, String to) {
    }

    public DependencyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
