package io.trickle.desktop.views.properties;

import io.trickle.engine.api.EffectiveMode;
import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.views.catalog.ByteSizes;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.RefreshText;
import io.trickle.desktop.views.catalog.StreamTableState;
import io.trickle.desktop.views.properties.PropertySection.Emphasis;
import io.trickle.desktop.views.properties.PropertySection.Row;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.StreamTableInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows the properties view shows for each kind of item, from one catalog snapshot. */
final class PropertySheets {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CatalogModel catalog;
    private final CatalogSnapshot snapshot;

    PropertySheets(CatalogModel catalog, CatalogSnapshot snapshot) {
        this.catalog = catalog;
        this.snapshot = snapshot;
    }

    List<PropertySection> streamTable(String name, StreamTableDetails details, String detailsProblem) {
        StreamTableInfo info = snapshot.table(name).orElse(null);
        if (info == null) {
            return List.of(new PropertySection("Stream table", List.of(new Row("Name", name, Emphasis.NONE),
                    new Row("Status", "not in the catalog any more (dropped?)", Emphasis.MUTED))));
        }
        StreamTableState state = catalog.stateOf(name).orElse(StreamTableState.FRESH);
        List<Row> table = new ArrayList<>();
        table.add(Row.of("Name", name));
        table.add(new Row("State", state.label() + " · " + info.status(), emphasis(state)));
        table.add(Row.of("Refresh mode", info.refreshMode().name()));
        String reason = details == null ? null : details.fallbackReason();
        table.add(new Row("Runs as", info.effectiveMode() + (reason == null || reason.isBlank() ? "" : "\nbecause " + reason),
                info.effectiveMode() == EffectiveMode.DIFFERENTIAL ? Emphasis.GOOD : Emphasis.NONE));
        table.add(Row.of("Schedule", info.schedule()));
        table.add(Row.of("Last refresh", info.lastRefreshAt() == null ? "never" : TIME.format(info.lastRefreshAt())));
        table.add(new Row("Staleness", info.stalenessSeconds() == null ? "never refreshed"
                : RefreshText.age(info.stalenessSeconds()), state == StreamTableState.STALE ? Emphasis.WARNING : Emphasis.NONE));
        table.add(new Row("Failures in a row", Integer.toString(info.consecutiveErrors()),
                info.consecutiveErrors() > 0 ? Emphasis.ERROR : Emphasis.NONE));
        if (info.lastError() != null && !info.lastError().isBlank()) {
            table.add(new Row("Last error", info.lastError(), Emphasis.ERROR));
        }
        List<PropertySection> out = new ArrayList<>();
        out.add(new PropertySection("Stream table", table));
        out.add(new PropertySection("Sources", relations(snapshot.sourcesOf(name), "reads nothing")));
        out.add(new PropertySection("Read by", relations(snapshot.readersOf(name), "no stream table reads it")));
        if (details != null) {
            List<Row> columns = details.columns().stream().filter(c -> !c.startsWith("__pgt_"))
                    .map(PropertySheets::column).toList();
            out.add(new PropertySection("Columns", columns));
            List<Row> plan = new ArrayList<>();
            if (details.strategy() != null) {
                plan.add(Row.of("Strategy", details.strategy()));
            }
            plan.add(Row.of("Row identity", details.rowIdentity()));
            out.add(new PropertySection("Maintenance", plan));
        } else if (!detailsProblem.isEmpty()) {
            out.add(new PropertySection("Columns", List.of(new Row("Not read", detailsProblem, Emphasis.ERROR))));
        } else {
            out.add(new PropertySection("Columns", List.of(new Row("", "reading…", Emphasis.MUTED))));
        }
        return out;
    }

    List<PropertySection> source(CatalogItem.Relation relation) {
        List<Row> rows = List.of(Row.of("Name", relation.name()),
                Row.of("Kind", relation.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                Row.of("Schema", relation.schema()));
        return List.of(new PropertySection("Source", rows),
                new PropertySection("Read by", relations(snapshot.readersOf(relation.name()), "no stream table reads it")));
    }

    List<PropertySection> schema(String schema) {
        List<StreamTableInfo> tables = snapshot.tables().stream()
                .filter(t -> CatalogItem.Relation.streamTable(t.name()).schema().equals(schema)).toList();
        long sources = snapshot.graph().nodes().stream().filter(n -> n.kind() != DependencyGraph.Kind.STREAM_TABLE)
                .filter(n -> CatalogItem.Relation.streamTable(n.name()).schema().equals(schema)).count();
        List<Row> rows = new ArrayList<>(List.of(Row.of("Schema", schema),
                Row.of("Stream tables", Integer.toString(tables.size())), Row.of("Sources", Long.toString(sources))));
        rows.addAll(stateCounts(tables));
        return List.of(new PropertySection("Schema", rows));
    }

    List<PropertySection> database() {
        List<Row> rows = new ArrayList<>(List.of(Row.of("Database", catalog.databaseName()),
                Row.of("Stream tables", Integer.toString(snapshot.tables().size())),
                Row.of("Sources", Long.toString(snapshot.graph().nodes().stream()
                        .filter(n -> n.kind() != DependencyGraph.Kind.STREAM_TABLE).count())),
                Row.of("Last refresh", catalog.lastRefreshProperty().get())));
        rows.addAll(stateCounts(snapshot.tables()));
        return List.of(new PropertySection("Database", rows));
    }

    List<PropertySection> scc(int id) {
        List<String> members = catalog.sccMembers(id);
        Integer iterations = snapshot.lastFixpointIterations(members);
        return List.of(new PropertySection("Cycle", List.of(Row.of("SCC", Integer.toString(id)),
                Row.of("Members", String.join("\n", members)),
                iterations == null ? new Row("Last iterations", "not run to a fixpoint yet", Emphasis.MUTED)
                        : Row.of("Last iterations", Integer.toString(iterations)))));
    }

    List<PropertySection> cycles() {
        long count = snapshot.graph().nodes().stream().map(DependencyGraph.Node::sccId).filter(java.util.Objects::nonNull)
                .distinct().count();
        return List.of(new PropertySection("Cycles", List.of(Row.of("SCCs", Long.toString(count)),
                new Row("About", "Stream tables that read each other are refreshed together until nothing changes "
                        + "(the setting allow_circular lets a monotone cycle form).", Emphasis.MUTED))));
    }

    List<PropertySection> watermarkGroups() {
        long misaligned = snapshot.watermarkStatus().stream().filter(s -> !s.aligned()).count();
        return List.of(new PropertySection("Watermark groups", List.of(
                Row.of("Groups", Integer.toString(snapshot.watermarkGroups().size())),
                misaligned == 0 ? Row.of("Misaligned", "0") : new Row("Misaligned", Long.toString(misaligned), Emphasis.WARNING),
                new Row("About", "Sources loaded by separate jobs; their readers refresh only once every source of a "
                        + "group has reached the same point, within its tolerance. The Watermarks view (Monitoring) "
                        + "draws them and edits them.", Emphasis.MUTED))));
    }

    List<PropertySection> watermarkGroup(String name) {
        var group = snapshot.watermarkGroup(name);
        if (group.isEmpty()) {
            return List.of(new PropertySection("Watermark group", List.of(new Row("Status",
                    "No longer in the catalog", Emphasis.MUTED))));
        }
        List<Row> rows = new ArrayList<>(List.of(Row.of("Name", name),
                Row.of("Sources", String.join("\n", group.get().sources())),
                Row.of("Tolerance", RefreshText.age(group.get().tolerance().toSeconds()))));
        snapshot.watermarkStatus(name).ifPresent(s -> {
            rows.add(s.aligned() ? Row.of("Aligned", "yes") : new Row("Aligned", "no", Emphasis.WARNING));
            rows.add(Row.of("Oldest watermark", s.minWatermark() == null ? "—" : s.minWatermark().toString()));
            rows.add(Row.of("Newest watermark", s.maxWatermark() == null ? "—" : s.maxWatermark().toString()));
            rows.add(Row.of("Lag", s.lag() == null ? "—" : RefreshText.age(s.lag().toSeconds())));
            rows.add(Row.of("Sources with a watermark", s.sourcesWithWatermark() + " of " + s.sourcesTotal()));
        });
        return List.of(new PropertySection("Watermark group", rows));
    }

    /**
     * Rows, size, owner, indexes and grants of a relation: for a stream table, of its storage table.
     * While they are read, one muted line says so.
     */
    static List<PropertySection> storage(String title, RelationStats stats, String problem) {
        if (stats == null) {
            return List.of(new PropertySection(title, List.of(problem.isEmpty() ? new Row("", "counting rows…", Emphasis.MUTED)
                    : new Row("Not read", problem, Emphasis.ERROR))));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(stats.rows() != null ? Row.of("Rows", String.format(Locale.ROOT, "%,d", stats.rows()))
                : new Row("Rows", "about " + String.format(Locale.ROOT, "%,d", Math.max(0, stats.estimatedRows()))
                        + " (counting took longer than " + RelationStats.COUNT_TIMEOUT_MS / 1000 + " s; the planner's estimate)",
                        Emphasis.WARNING));
        rows.add(Row.of("Size", ByteSizes.text(stats.totalBytes()) + " (table " + ByteSizes.text(stats.tableBytes()) + ", indexes "
                + ByteSizes.text(stats.indexBytes()) + ")"));
        rows.add(Row.of("Owner", stats.owner()));
        List<PropertySection> out = new ArrayList<>();
        out.add(new PropertySection(title, rows));
        out.add(new PropertySection("Indexes", stats.indexes().isEmpty() ? List.of(new Row("", "none", Emphasis.MUTED))
                : stats.indexes().stream().map(i -> new Row(i.name(), i.definition().replaceFirst("^CREATE (UNIQUE )?INDEX "
                + java.util.regex.Pattern.quote(i.name()) + " ON ", (i.unique() ? "unique on " : "on ")) + " · "
                + ByteSizes.text(i.bytes()), Emphasis.MONOSPACE)).toList()));
        out.add(new PropertySection("Grants", stats.grants().stream()
                .map(g -> Row.of(g.grantee(), String.join(", ", g.privileges()))).toList()));
        return out;
    }

    private List<Row> relations(List<String> names, String none) {
        if (names.isEmpty()) {
            return List.of(new Row("", none, Emphasis.MUTED));
        }
        return names.stream().map(n -> Row.of(kindOf(n), n)).toList();
    }

    private String kindOf(String name) {
        return snapshot.node(name).map(n -> n.kind() == DependencyGraph.Kind.STREAM_TABLE ? "stream table"
                : n.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("relation");
    }

    private List<Row> stateCounts(List<StreamTableInfo> tables) {
        List<Row> rows = new ArrayList<>();
        for (StreamTableState state : List.of(StreamTableState.ERROR, StreamTableState.STALE, StreamTableState.SUSPENDED)) {
            long n = tables.stream().filter(t -> catalog.stateOf(t.name()).orElse(null) == state).count();
            if (n > 0) {
                rows.add(new Row(state.label().substring(0, 1).toUpperCase(Locale.ROOT) + state.label().substring(1),
                        Long.toString(n), emphasis(state)));
            }
        }
        return rows;
    }

    private static Row column(String column) {
        int space = column.indexOf(' ');
        return space < 0 ? new Row(column, "", Emphasis.MONOSPACE)
                : new Row(column.substring(0, space), column.substring(space + 1), Emphasis.MONOSPACE);
    }

    static Emphasis emphasis(StreamTableState state) {
        switch (state) {
            case FRESH:
            case IMMEDIATE:
                return Emphasis.GOOD;
            case STALE:
                return Emphasis.WARNING;
            case ERROR:
                return Emphasis.ERROR;
            case SUSPENDED:
                return Emphasis.MUTED;
            default:
                return Emphasis.NONE;
        }
    }
}
