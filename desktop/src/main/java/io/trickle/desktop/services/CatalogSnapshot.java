package io.trickle.desktop.services;

import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import io.trickle.engine.api.WatermarkInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the workbench knows of a database after one read, which every view draws from, so that they
 * agree: each stream table as {@code list} shows it, the dependency graph between them and their
 * sources, the watermark groups with their alignment and every source's watermark, and the latest
 * refresh history. The parts are read one after the other, so a table created in between may appear
 * in one and not yet in another; the next read catches up.
 *
 * @param tables stream tables, ordered by schema and name
 * @param graph  stream tables and the relations they read
 * @param readAt when the read finished, by this machine's clock; for display only
 * @param watermarkGroups the watermark groups (empty when the catalog predates watermarks)
 * @param watermarkStatus whether each group is aligned, in the order of {@code watermarkGroups}
 * @param watermarks      every source's watermark
 * @param history         the latest refresh history, newest first (every decision, quiet runs included)
 * @param watermarksProblem why there are no watermark groups to show (a catalog that predates them), or empty
 */
public record CatalogSnapshot(List<StreamTableInfo> tables, DependencyGraph graph, Instant readAt,
                              List<WatermarkGroup> watermarkGroups, List<WatermarkGroupStatus> watermarkStatus,
                              List<WatermarkInfo> watermarks, List<HistoryEntry> history, String watermarksProblem) {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(List.of(), new DependencyGraph(List.of(), List.of()),
            Instant.EPOCH);

    public CatalogSnapshot {
        tables = List.copyOf(tables);
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(readAt, "readAt");
        watermarkGroups = List.copyOf(watermarkGroups);
        watermarkStatus = List.copyOf(watermarkStatus);
        watermarks = List.copyOf(watermarks);
        history = List.copyOf(history);
        watermarksProblem = watermarksProblem == null ? "" : watermarksProblem;
    }

    /** A snapshot without watermark groups and history. */
    public CatalogSnapshot(List<StreamTableInfo> tables, DependencyGraph graph, Instant readAt) {
        this(tables, graph, readAt, List.of(), List.of(), List.of(), List.of(), "");
    }

    /** The watermark of a source, if it has one. */
    public Optional<Instant> watermarkOf(String source) {
        return watermarks.stream().filter(w -> w.sourceTable().equals(source)).map(WatermarkInfo::watermark)
                .filter(Objects::nonNull).findFirst();
    }

    /** The iterations of a cycle's last fixpoint run (every member records the same), or null. */
    public Integer lastFixpointIterations(java.util.Collection<String> members) {
        return members.stream().map(this::table).flatMap(Optional::stream)
                .map(StreamTableInfo::lastFixpointIterations).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
    }

    public Optional<WatermarkGroup> watermarkGroup(String name) {
        return watermarkGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<WatermarkGroupStatus> watermarkStatus(String group) {
        return watermarkStatus.stream().filter(s -> s.name().equals(group)).findFirst();
    }

    public Optional<StreamTableInfo> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<DependencyGraph.Node> node(String name) {
        return graph.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The relations {@code name} reads, in the graph's order. */
    public List<String> sourcesOf(String name) {
        return graph.edges().stream().filter(e -> e.to().equals(name)).map(DependencyGraph.Edge::from).distinct().toList();
    }

    /** The stream tables that read {@code name}, in the graph's order. */
    public List<String> readersOf(String name) {
        return graph.edges().stream().filter(e -> e.from().equals(name)).map(DependencyGraph.Edge::to).distinct().toList();
    }
}
