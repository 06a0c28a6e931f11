package io.trickle.desktop.views.dag;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.StreamTableInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The dependency graph of the stream tables and their sources, for the Dependencies view: a JGraphT
 * graph of catalog items (edges in the direction data flows), each stream table's status style from
 * the shared catalog, cycles labelled with their SCC, and selection shared with the workbench — a
 * cycle or a watermark group selected elsewhere selects its members here. It shows what the
 * navigator's filter keeps (with the sources those tables read), and with a {@link Focus} only the
 * selection's neighbourhood, which is what makes a graph of hundreds of tables readable. The graph
 * object is replaced only when the shape or the labels change, so a status change recolours nodes in
 * place without a new layout.
 */
public final class DependenciesViewModel {

    /** The id under which this view publishes its selection. */
    public static final String PART_ID = "dag";

    /** How much of the graph is drawn around the selection. */
    public enum Focus {
        /** The whole graph (as far as the filter keeps it). */
        ALL("Whole graph"),
        /** The selection, what it reads directly and what reads it directly. */
        NEIGHBOURS("Selection and neighbours"),
        /** The selection with everything upstream and downstream of it. */
        LINEAGE("Selection's lineage");

        private final String label;

        Focus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final CatalogModel catalog;
    private final SelectionService selection;
    private final ReadOnlyObjectWrapper<Graph<CatalogItem.Relation, DefaultEdge>> graph =
            new ReadOnlyObjectWrapper<>(this, "graph");
    private final ReadOnlyObjectWrapper<EmptyStates.Message> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final ReadOnlyObjectWrapper<List<CatalogItem.Relation>> shownSelection =
            new ReadOnlyObjectWrapper<>(this, "shownSelection", List.of());
    private final ObjectProperty<Focus> focus = new SimpleObjectProperty<>(this, "focus", Focus.ALL);
    /** What the graph was built from: nodes, edges and the second line of each stream table. */
    private String builtFrom = "";

    public DependenciesViewModel(CatalogModel catalog, SelectionService selection) {
        this.catalog = catalog;
        this.selection = selection;
        catalog.snapshotProperty().addListener((obs, old, now) -> rebuild());
        catalog.stateProperty().addListener((obs, old, now) -> rebuild());
        catalog.nameFilterProperty().addListener((obs, old, now) -> rebuild());
        focus.addListener((obs, old, now) -> rebuild());
        selection.selectionProperty().addListener((obs, old, now) -> {
            follow(now);
            if (focus.get() != Focus.ALL && !now.sourceId().equals(PART_ID)) {
                rebuild();
            }
        });
        rebuild();
    }

    private void rebuild() {
        CatalogSnapshot snapshot = catalog.snapshot();
        boolean ready = catalog.stateProperty().get() == CatalogModel.State.READY;
        empty.set(EmptyStates.of(catalog.stateProperty().get(), catalog.problemProperty().get(),
                snapshot.graph().nodes().isEmpty()));
        if (!ready) {
            builtFrom = "";
            graph.set(null);
            return;
        }
        DependencyGraph shown = GraphFocus.keep(snapshot.graph(), catalog.nameFilterProperty().get(), focus.get(),
                shownSelection.get().stream().map(CatalogItem.Relation::name).toList());
        String shape = shapeOf(snapshot, shown);
        if (!shape.equals(builtFrom) || graph.get() == null) {
            builtFrom = shape;
            graph.set(build(shown));
        }
    }

    static Graph<CatalogItem.Relation, DefaultEdge> build(DependencyGraph dependencies) {
        Graph<CatalogItem.Relation, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        Map<String, CatalogItem.Relation> byName = dependencies.nodes().stream()
                .collect(Collectors.toMap(DependencyGraph.Node::name, n -> new CatalogItem.Relation(n.name(), n.kind()),
                        (a, b) -> a, java.util.LinkedHashMap::new));
        byName.values().forEach(g::addVertex);
        for (DependencyGraph.Edge edge : dependencies.edges()) {
            CatalogItem.Relation from = byName.computeIfAbsent(edge.from(), CatalogItem.Relation::streamTable);
            CatalogItem.Relation to = byName.computeIfAbsent(edge.to(), CatalogItem.Relation::streamTable);
            g.addVertex(from);
            g.addVertex(to);
            if (!from.equals(to) && !g.containsEdge(from, to)) {
                g.addEdge(from, to);
            }
        }
        return g;
    }

    private static String shapeOf(CatalogSnapshot snapshot, DependencyGraph shown) {
        StringBuilder out = new StringBuilder();
        shown.nodes().forEach(n -> out.append(n.name()).append('|').append(n.kind()).append('|')
                .append(n.sccId()).append(';'));
        shown.edges().forEach(e -> out.append(e.from()).append('>').append(e.to()).append(';'));
        snapshot.tables().forEach(t -> out.append(t.name()).append('=').append(secondLine(t)).append(';'));
        return out.toString();
    }

    /** What a node shows under its name, kept current across reloads. */
    public ObservableValue<String> captionOf(CatalogItem.Relation relation) {
        return Bindings.createStringBinding(() -> caption(relation), catalog.snapshotProperty());
    }

    String caption(CatalogItem.Relation relation) {
        if (relation.isStreamTable()) {
            return catalog.table(relation.name()).map(DependenciesViewModel::secondLine).orElse("stream table");
        }
        return relation.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String secondLine(StreamTableInfo info) {
        if (info.refreshMode() == io.trickle.engine.api.RefreshMode.IMMEDIATE) {
            return "IMMEDIATE · no schedule"; // its writers maintain it
        }
        return info.schedule() + " · " + info.effectiveMode();
    }

    /** A relation's status style class, kept current; null for sources. */
    public ObservableValue<String> statusOf(CatalogItem.Relation relation) {
        return catalog.statusStyle(relation.name());
    }

    /** "SCC 2 · 2 tables · 5 iterations", from the engine's SCC ids of the members and their last fixpoint run. */
    public ObservableValue<String> sccLabel(Set<CatalogItem.Relation> members) {
        Set<Integer> ids = members.stream().map(m -> catalog.snapshot().node(m.name()).map(DependencyGraph.Node::sccId)
                .orElse(null)).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
        String label = ids.size() == 1 ? "SCC " + ids.iterator().next() : "cycle";
        return Bindings.createStringBinding(() -> {
            Integer iterations = catalog.snapshot().lastFixpointIterations(
                    members.stream().map(CatalogItem.Relation::name).toList());
            return label + " · " + members.size() + " tables · "
                    + (iterations == null ? "not run yet" : iterations + (iterations == 1 ? " iteration" : " iterations"));
        }, catalog.snapshotProperty());
    }

    /** Tooltip text for a node. */
    public String tooltip(CatalogItem.Relation relation) {
        if (!relation.isStreamTable()) {
            List<String> readers = catalog.snapshot().readersOf(relation.name());
            return relation.name() + "\nread by " + String.join(", ", readers);
        }
        return catalog.table(relation.name()).map(t -> t.name() + "\n"
                + catalog.stateOf(t.name()).map(s -> s.label()).orElse("") + " · " + t.status() + " · runs "
                + t.effectiveMode() + "\nschedule " + t.schedule() + " · last refresh "
                + io.trickle.desktop.views.catalog.RefreshText.ago(t.stalenessSeconds())
                + (t.lastError() == null ? "" : "\n" + t.lastError())).orElse(relation.name());
    }

    /**
     * The relations the graph selects for what is selected elsewhere: relations themselves, a cycle's
     * members, a watermark group's sources.
     */
    private void follow(SelectionService.Selection now) {
        java.util.LinkedHashSet<CatalogItem.Relation> relations = new java.util.LinkedHashSet<>();
        CatalogSnapshot snapshot = catalog.snapshot();
        for (Object item : now.items()) {
            if (item instanceof CatalogItem.Relation relation) {
                relations.add(relation);
            } else if (item instanceof CatalogItem.Scc scc) {
                catalog.sccMembers(scc.id()).forEach(m -> relations.add(CatalogItem.Relation.streamTable(m)));
            } else if (item instanceof CatalogItem.WatermarkGroup group) {
                snapshot.watermarkGroup(group.name()).ifPresent(g -> g.sources().forEach(source -> relations.add(
                        new CatalogItem.Relation(source, snapshot.node(source).map(DependencyGraph.Node::kind)
                                .orElse(DependencyGraph.Kind.TABLE)))));
            }
        }
        shownSelection.set(List.copyOf(relations));
    }

    /** The DBA selected these nodes. */
    public void select(Collection<CatalogItem.Relation> relations) {
        selection.publish(PART_ID, List.copyOf(relations));
    }

    public ReadOnlyObjectProperty<Graph<CatalogItem.Relation, DefaultEdge>> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** Whether the filter or the focus leaves part of the graph out. */
    public boolean isNarrowed() {
        String filter = catalog.nameFilterProperty().get();
        return focus.get() != Focus.ALL || (filter != null && !filter.isBlank());
    }

    /** How much of the graph is drawn around the selection. */
    public ObjectProperty<Focus> focusProperty() {
        return focus;
    }

    public ReadOnlyObjectProperty<EmptyStates.Message> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** The relations selected in the workbench, which the graph selects too. */
    public ReadOnlyObjectProperty<List<CatalogItem.Relation>> shownSelectionProperty() {
        return shownSelection.getReadOnlyProperty();
    }
}
