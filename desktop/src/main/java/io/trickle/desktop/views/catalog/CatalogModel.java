package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.engine.api.DependencyGraph;
import io.trickle.engine.api.EngineEvent;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The stream tables of the connected database and how they depend on each other, as the navigator,
 * the dependency graph, the properties view and the refresh commands share them. It reads the catalog
 * when a session with a current catalog opens, after every change made from this window, and when
 * asked; everything here changes on the FX thread only.
 *
 * <p>On the embedded demo, a catalog without stream tables gets the engine's demo, once per session.
 */
public final class CatalogModel {

    /** Whether there is anything to show, and if not, why. */
    public enum State {
        NOT_CONNECTED, CHECKING, NO_CATALOG, OUTDATED_CATALOG, LOADING, READY, FAILED
    }

    static final String NEVER = "—";
    /** How many of the latest refresh decisions each read brings along, for the history and the watermark cards. */
    public static final int HISTORY_ROWS = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SessionViewModel session;
    private final TaskExecutor tasks;
    private final NotificationService notices;

    private final ReadOnlyObjectWrapper<CatalogSnapshot> snapshot =
            new ReadOnlyObjectWrapper<>(this, "snapshot", CatalogSnapshot.EMPTY);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.NOT_CONNECTED);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper lastRefresh = new ReadOnlyStringWrapper(this, "lastRefresh", NEVER);
    private final ObservableSet<String> refreshing = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<String> readOnlyRefreshing = FXCollections.unmodifiableObservableSet(refreshing);
    private final Map<String, StringProperty> statusStyles = new HashMap<>();
    private final StringProperty nameFilter = new SimpleStringProperty(this, "nameFilter", "");
    private final ReadOnlyObjectWrapper<List<RelationOutline>> outlines =
            new ReadOnlyObjectWrapper<>(this, "outlines", List.of());
    private final ReadOnlyObjectWrapper<Instant> lastRead = new ReadOnlyObjectWrapper<>(this, "lastRead");

    private boolean loading;
    private boolean loadAgain;
    private boolean sampleOffered;
    private boolean outlinesStale = true;
    private boolean readingOutlines;

    public CatalogModel(SessionViewModel session, TaskExecutor tasks, NotificationService notices) {
        this.session = session;
        this.tasks = tasks;
        this.notices = notices;
        session.sessionProperty().addListener((obs, old, now) -> {
            sampleOffered = false;
            outlines.set(List.of());
            outlinesStale = true;
            follow();
        });
        session.catalogProperty().addListener((obs, old, now) -> follow());
        refreshing.addListener((SetChangeListener<String>) change -> restyle());
        follow();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading
    // ---------------------------------------------------------------------------------------------

    /** Reads the catalog again, as a job the DBA sees; a read already under way is followed by one more. */
    public void reload() {
        outlinesStale = true;
        load(false);
    }

    /** Reads the catalog again without a job in the Jobs view; for the periodic update. */
    public void reloadQuietly() {
        if (state.get() == State.READY || state.get() == State.FAILED) {
            load(true);
        }
    }

    /**
     * Something changed in the database (an engine event, or an edit made here): read the catalog
     * again, once for a burst of changes, and the relations' outlines too when the catalog itself
     * changed.
     */
    public void changed(EngineEvent event) {
        if (event.kind() == EngineEvent.Kind.CATALOG_CHANGED) {
            outlinesStale = true;
        }
        if (state.get() == State.READY || state.get() == State.FAILED || state.get() == State.LOADING) {
            load(true);
        }
    }

    private void follow() {
        EngineSession current = session.sessionProperty().get();
        CatalogStatus catalog = session.catalogProperty().get();
        if (current == null) {
            show(CatalogSnapshot.EMPTY, State.NOT_CONNECTED, "");
            return;
        }
        if (catalog == null) {
            show(CatalogSnapshot.EMPTY, State.CHECKING, "");
            return;
        }
        switch (catalog.state()) {
            case MISSING:
                show(CatalogSnapshot.EMPTY, State.NO_CATALOG, "");
                return;
            case OUTDATED:
                show(CatalogSnapshot.EMPTY, State.OUTDATED_CATALOG, catalog.describe());
                return;
            default:
                load(false);
        }
    }

    private void load(boolean quietly) {
        EngineSession current = session.sessionProperty().get();
        if (current == null) {
            return;
        }
        if (loading) {
            loadAgain = true;
            return;
        }
        loading = true;
        if (state.get() != State.READY) {
            state.set(State.LOADING);
        }
        var task = current.readCatalog(HISTORY_ROWS)
                .onSuccess(read -> loaded(current, read, null))
                .onFailure(e -> loaded(current, null, ErrorMessages.describe(e)))
                .onCancelled(() -> loaded(current, null, "Reading the catalog was cancelled."));
        tasks.execute(quietly ? task.silent() : task);
    }

    private void loaded(EngineSession from, CatalogSnapshot read, String failure) {
        loading = false;
        if (from != session.sessionProperty().get()) {
            return;
        }
        if (read != null) {
            show(read, State.READY, "");
            lastRead.set(read.readAt());
            offerSample(from, read);
            readOutlinesIfStale(from);
        } else if (state.get() != State.READY || snapshot.get().tables().isEmpty()) {
            show(CatalogSnapshot.EMPTY, State.FAILED, failure);
        } else {
            notices.warning("Catalog not read", failure);
        }
        if (loadAgain) {
            loadAgain = false;
            load(true);
        }
    }

    private void show(CatalogSnapshot read, State now, String message) {
        snapshot.set(read);
        problem.set(message);
        state.set(now);
        if (now == State.NOT_CONNECTED) {
            refreshing.clear();
        }
        lastRefresh.set(read.tables().stream().filter(t -> t.lastRefreshAt() != null)
                .max(Comparator.comparing(StreamTableInfo::lastRefreshAt))
                .map(t -> TIME.format(t.lastRefreshAt()) + " · " + t.name()).orElse(NEVER));
        restyle();
    }

    /**
     * The embedded demo starts with the sample shop, created when the session's first read finds its
     * catalog empty — only then: tables dropped later (a reset under way) are not the DBA's first look.
     */
    private void offerSample(EngineSession from, CatalogSnapshot read) {
        if (sampleOffered) {
            return;
        }
        sampleOffered = true;
        if (!from.profile().isEmbeddedDemo() || !read.tables().isEmpty()) {
            return;
        }
        tasks.execute(from.installDemo()
                .onSuccess(created -> {
                    long streamTables = created.stream().filter(c -> c.startsWith("stream table ")).count();
                    if (!created.isEmpty()) {
                        notices.success("Demo ready", streamTables + " stream tables over the sample shop "
                                + "(schemas shop and reporting)");
                    }
                    reload();
                })
                .onFailure(e -> notices.warning("Demo not installed", ErrorMessages.describe(e))));
    }

    /** The relations and columns completion offers, read again after the catalog changes. */
    private void readOutlinesIfStale(EngineSession from) {
        if (!outlinesStale || readingOutlines) {
            return;
        }
        outlinesStale = false;
        readingOutlines = true;
        tasks.execute(from.relationOutlines().silent()
                .onSuccess(read -> {
                    readingOutlines = false;
                    if (from == session.sessionProperty().get()) {
                        outlines.set(read);
                    }
                })
                .onFailure(e -> {
                    readingOutlines = false;
                    outlinesStale = true;
                }));
    }

    // ---------------------------------------------------------------------------------------------
    // Refreshes under way
    // ---------------------------------------------------------------------------------------------

    /** Marks a table as being refreshed by this window (drawn as refreshing) or not any more. */
    public void markRefreshing(String name, boolean now) {
        if (now) {
            refreshing.add(name);
        } else {
            refreshing.remove(name);
        }
    }

    public ObservableSet<String> refreshing() {
        return readOnlyRefreshing;
    }

    // ---------------------------------------------------------------------------------------------
    // Questions the views ask
    // ---------------------------------------------------------------------------------------------

    public Optional<StreamTableInfo> table(String name) {
        return snapshot.get().table(name);
    }

    /** The state of a stream table, empty for sources and unknown names. */
    public Optional<StreamTableState> stateOf(String name) {
        return table(name).map(info -> StreamTableState.of(info, refreshing.contains(name)));
    }

    /**
     * The status style class of a relation, kept current across reloads: one of the graph's status
     * classes for a stream table, null for a source.
     */
    public ObservableValue<String> statusStyle(String name) {
        return statusStyles.computeIfAbsent(name, n -> new SimpleStringProperty(this, n, styleOf(n)));
    }

    /**
     * The stream tables that the selected items stand for: a stream table itself, every stream table
     * of a schema, of the database, or of a cycle. In the order of the catalog, without repeats.
     */
    public List<String> streamTablesOf(Collection<?> items) {
        Set<String> names = new LinkedHashSet<>();
        CatalogSnapshot now = snapshot.get();
        for (Object item : items) {
            if (item instanceof CatalogItem.Relation relation && relation.isStreamTable()) {
                names.add(relation.name());
            } else if (item instanceof CatalogItem.Schema schema) {
                now.tables().stream().map(StreamTableInfo::name)
                        .filter(n -> CatalogItem.Relation.streamTable(n).schema().equals(schema.name()))
                        .forEach(names::add);
            } else if (item instanceof CatalogItem.Database) {
                now.tables().forEach(t -> names.add(t.name()));
            } else if (item instanceof CatalogItem.Scc scc) {
                sccMembers(scc.id()).forEach(names::add);
            }
        }
        return new ArrayList<>(names);
    }

    /** The stream tables of one strongly connected component, by name. */
    public List<String> sccMembers(int sccId) {
        return snapshot.get().graph().nodes().stream()
                .filter(n -> n.sccId() != null && n.sccId() == sccId)
                .map(DependencyGraph.Node::name).sorted().toList();
    }

    public String databaseName() {
        EngineSession current = session.sessionProperty().get();
        return current == null ? "" : current.databaseName();
    }

    public ReadOnlyObjectProperty<EngineSession> sessionProperty() {
        return session.sessionProperty();
    }

    public ReadOnlyObjectProperty<CatalogSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public CatalogSnapshot snapshot() {
        return snapshot.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the catalog could not be read, or what is wrong with it; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The text the navigator and the graph filter relations by (a part of their names). */
    public StringProperty nameFilterProperty() {
        return nameFilter;
    }

    /** Every relation the role can see with its columns, for completion; empty until read. */
    public ReadOnlyObjectProperty<List<RelationOutline>> outlinesProperty() {
        return outlines.getReadOnlyProperty();
    }

    /** When the catalog was last read successfully, by this machine's clock; null before. */
    public ReadOnlyObjectProperty<Instant> lastReadProperty() {
        return lastRead.getReadOnlyProperty();
    }

    /** Whether the catalog can be read now (connected to a current catalog, not failing to connect). */
    public boolean isReadable() {
        State now = state.get();
        return now == State.READY || now == State.FAILED;
    }

    /** "14:02:11 · shop.order_totals": the latest successful refresh among all tables, or "—". */
    public ReadOnlyStringProperty lastRefreshProperty() {
        return lastRefresh.getReadOnlyProperty();
    }

    private void restyle() {
        statusStyles.forEach((name, style) -> style.set(styleOf(name)));
    }

    private String styleOf(String name) {
        return stateOf(name).map(StreamTableState::styleClass).orElse(null);
    }
}
