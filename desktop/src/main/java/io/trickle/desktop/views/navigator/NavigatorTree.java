package io.trickle.desktop.views.navigator;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.RefreshText;
import io.trickle.desktop.views.catalog.StreamTableState;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.WatermarkGroup;
import io.trickle.engine.api.WatermarkGroupStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the navigator's tree from a catalog snapshot: the database, its schemas, in each the stream
 * tables (with their sources under them) and then the relations they read; after the schemas the
 * cycles (SCCs) and the place of the watermark groups. A filter keeps the relations whose name
 * contains it and the schemas that hold them.
 */
final class NavigatorTree {

    /** The tooltip of "Watermark groups". */
    static final String WATERMARKS_ABOUT = "Sources loaded by separate jobs: their readers refresh only once every"
            + " source of the group has reached the same point, within the group's tolerance";

    private NavigatorTree() {
    }

    static NavigatorNode build(String database, CatalogSnapshot snapshot,
                               Function<String, StreamTableState> stateOf, String filter) {
        String needle = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
        Map<String, List<NavigatorNode>> bySchema = new TreeMap<>();
        List<StreamTableInfo> tables = new ArrayList<>(snapshot.tables());
        tables.sort(Comparator.comparing(StreamTableInfo::name));
        for (StreamTableInfo table : tables) {
            if (matches(table.name(), needle)) {
                bySchema.computeIfAbsent(schemaOf(table.name()), k -> new ArrayList<>())
                        .add(streamTable(snapshot, table, stateOf));
            }
        }
        List<DependencyGraph.Node> sources = snapshot.graph().nodes().stream()
                .filter(n -> n.kind() != DependencyGraph.Kind.STREAM_TABLE && matches(n.name(), needle))
                .sorted(Comparator.comparing(DependencyGraph.Node::name)).toList();
        for (DependencyGraph.Node source : sources) {
            bySchema.computeIfAbsent(schemaOf(source.name()), k -> new ArrayList<>()).add(source(snapshot, source));
        }
        List<NavigatorNode> children = new ArrayList<>();
        bySchema.forEach((schema, members) -> children.add(schema(schema, members)));
        if (needle.isEmpty()) {
            children.add(cycles(snapshot, stateOf));
            children.add(watermarkGroups(snapshot));
        }
        long streamTables = snapshot.tables().size();
        return new NavigatorNode(new CatalogItem.Database(database), database,
                streamTables + (streamTables == 1 ? " stream table" : " stream tables"), null, database, children);
    }

    private static NavigatorNode schema(String schema, List<NavigatorNode> members) {
        long tables = members.stream().filter(m -> m.state() != null).count();
        String detail = tables == 0 ? "sources only" : tables + (tables == 1 ? " stream table" : " stream tables");
        return new NavigatorNode(new CatalogItem.Schema(schema), schema, detail, null, "Schema " + schema, members);
    }

    private static NavigatorNode streamTable(CatalogSnapshot snapshot, StreamTableInfo table,
                                             Function<String, StreamTableState> stateOf) {
        CatalogItem.Relation item = CatalogItem.Relation.streamTable(table.name());
        StreamTableState state = stateOf.apply(table.name());
        List<NavigatorNode> reads = new ArrayList<>();
        for (String source : snapshot.sourcesOf(table.name())) {
            DependencyGraph.Kind kind = snapshot.node(source).map(DependencyGraph.Node::kind)
                    .orElse(DependencyGraph.Kind.TABLE);
            StreamTableState sourceState = kind == DependencyGraph.Kind.STREAM_TABLE ? stateOf.apply(source) : null;
            reads.add(new NavigatorNode(new CatalogItem.Relation(source, kind), source, "source", sourceState,
                    table.name() + " reads " + source, List.of()));
        }
        // Short enough for the navigator's default width; the tooltip says it in full.
        String detail = table.schedule() + " · " + RefreshText.shortMode(table.effectiveMode().name());
        StringBuilder tip = new StringBuilder(table.name()).append('\n').append(state.label())
                .append(" · ").append(table.status()).append(" · runs ").append(table.effectiveMode())
                .append(" · schedule ").append(table.schedule());
        if (table.lastRefreshAt() != null) {
            // A time, not "5 s ago": the tree stays the same between reads where nothing changed.
            tip.append("\nlast refresh ").append(RefreshText.time(table.lastRefreshAt()));
        }
        if (table.lastError() != null && !table.lastError().isBlank()) {
            tip.append("\nlast error: ").append(table.lastError());
        }
        return new NavigatorNode(item, item.simpleName(), detail, state, tip.toString(), reads);
    }

    private static NavigatorNode source(CatalogSnapshot snapshot, DependencyGraph.Node source) {
        CatalogItem.Relation item = new CatalogItem.Relation(source.name(), source.kind());
        List<String> readers = snapshot.readersOf(source.name());
        String kind = source.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return new NavigatorNode(item, item.simpleName(), kind + " · read by " + readers.size(), null,
                source.name() + " (" + kind + ")\nread by " + String.join(", ", readers), List.of());
    }

    private static NavigatorNode cycles(CatalogSnapshot snapshot, Function<String, StreamTableState> stateOf) {
        Map<Integer, Set<String>> members = snapshot.graph().nodes().stream().filter(n -> n.sccId() != null)
                .collect(Collectors.groupingBy(DependencyGraph.Node::sccId, TreeMap::new,
                        Collectors.mapping(DependencyGraph.Node::name, Collectors.toCollection(TreeSet::new))));
        List<NavigatorNode> sccs = new ArrayList<>();
        members.forEach((id, names) -> sccs.add(new NavigatorNode(new CatalogItem.Scc(id), "SCC " + id,
                names.size() + " stream tables", null, "Refreshed together until nothing changes: "
                + String.join(", ", names), names.stream().map(name -> new NavigatorNode(
                CatalogItem.Relation.streamTable(name), name, "member", stateOf.apply(name), name, List.of())).toList())));
        return new NavigatorNode(new CatalogItem.Cycles(), "Cycles (SCCs)", sccs.isEmpty() ? "none" : sccs.size() + "",
                null, "Stream tables that read each other, directly or through others", sccs);
    }

    private static NavigatorNode watermarkGroups(CatalogSnapshot snapshot) {
        List<NavigatorNode> groups = new ArrayList<>();
        for (WatermarkGroup group : snapshot.watermarkGroups()) {
            String verdict = snapshot.watermarkStatus(group.name()).map(NavigatorTree::verdict).orElse("");
            List<NavigatorNode> sources = group.sources().stream().map(source -> {
                DependencyGraph.Kind kind = snapshot.node(source).map(DependencyGraph.Node::kind)
                        .orElse(DependencyGraph.Kind.TABLE);
                return new NavigatorNode(new CatalogItem.Relation(source, kind), source, "source", null,
                        group.name() + " waits for " + source, List.of());
            }).toList();
            groups.add(new NavigatorNode(new CatalogItem.WatermarkGroup(group.name()), group.name(), verdict, null,
                    "Watermark group " + group.name() + ": " + verdict + "\nsources " + String.join(", ", group.sources())
                            + "\ntolerance " + RefreshText.age(group.tolerance().toSeconds()), sources));
        }
        long misaligned = snapshot.watermarkStatus().stream().filter(s -> !s.aligned()).count();
        String detail = groups.isEmpty() ? "none" : groups.size() + (misaligned == 0 ? "" : " · " + misaligned + " misaligned");
        return new NavigatorNode(new CatalogItem.WatermarkGroups(), "Watermark groups", detail, null, WATERMARKS_ABOUT,
                groups);
    }

    /** "aligned" or "misaligned · lag 1h" (or which sources have not reported yet). */
    static String verdict(WatermarkGroupStatus status) {
        if (status.aligned()) {
            return "aligned";
        }
        if (status.sourcesWithWatermark() < status.sourcesTotal()) {
            return "misaligned · " + (status.sourcesTotal() - status.sourcesWithWatermark()) + " without a watermark";
        }
        return "misaligned · lag " + RefreshText.age(status.lag().toSeconds());
    }

    static String schemaOf(String name) {
        return CatalogItem.Relation.streamTable(name).schema();
    }

    private static boolean matches(String name, String needle) {
        return needle.isEmpty() || name.toLowerCase(Locale.ROOT).contains(needle);
    }
}
