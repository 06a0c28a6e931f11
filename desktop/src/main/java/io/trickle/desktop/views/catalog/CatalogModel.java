package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.engine.api.DependencyGraph;
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

    private boolean loading;
    private boolean loadAgain;
    private boolean sampleOffered;

    public CatalogModel(SessionViewModel session, TaskExecutor tasks, NotificationService notices) {
        this.session = session;
        this.tasks = tasks;
        this.notices = notices;
        session.sessionProperty().addListener((obs, old, now) -> {
            sampleOffered = false;
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
        load(false);
    }

    /** Reads the catalog again without a job in the Jobs view; for the periodic update. */
    public void reloadQuietly() {
        if (state.get() == State.READY || state.get() == State.FAILED) {
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
        var task = current.readCatalog()
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
            offerSample(from, read);
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

    /** The embedded demo starts with the sample shop, created the first time its catalog is empty. */
    private void offerSample(EngineSession from, CatalogSnapshot read) {
        if (sampleOffered || !from.profile().isEmbeddedDemo() || !read.tables().isEmpty()) {
            return;
        }
        sampleOffered = true;
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
