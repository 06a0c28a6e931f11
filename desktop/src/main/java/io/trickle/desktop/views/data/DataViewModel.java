package io.trickle.desktop.views.data;

import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.ByteSizes;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.StreamTableInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The data of the stream table or source selected anywhere in the workbench: its first rows (100 by
 * default), ordered by a column when the DBA clicks its header (the database orders them, so the rows
 * are the first of that order, not a sort of what was read), with its row count and size. Reads run in
 * the background and can be cancelled; a stream table's rows are read again when a refresh of it
 * arrives with the catalog, so they change with the other views.
 */
public final class DataViewModel {

    /** How many rows a read may bring. */
    public static final List<Integer> LIMITS = List.of(100, 500, 1000, 5000);

    private final CatalogModel catalog;
    private final TaskExecutor tasks;

    private final ReadOnlyObjectWrapper<CatalogItem.Relation> relation = new ReadOnlyObjectWrapper<>(this, "relation");
    private final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(this, "limit", LIMITS.get(0));
    private final ReadOnlyObjectWrapper<RelationPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyObjectWrapper<RelationStats> stats = new ReadOnlyObjectWrapper<>(this, "stats");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<EmptyStates.Message> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final WorkbenchCommand reload;
    private final WorkbenchCommand cancel;
    private String orderBy;
    private boolean descending;
    private String problem = "";
    private TaskExecutor.TaskHandle running;
    /** Counts reads, so that the outcome of one replaced by a newer read is ignored. */
    private int generation;
    /** The shown stream table's last refresh when its rows were read: a newer one reads them again. */
    private Instant readAsOf;

    public DataViewModel(CatalogModel catalog, SelectionService selection, TaskExecutor tasks) {
        this.catalog = catalog;
        this.tasks = tasks;
        reload = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> relation.get() != null
                && catalog.sessionProperty().get() != null, relation, catalog.sessionProperty()), this::read);
        cancel = WorkbenchCommand.of(reading.getReadOnlyProperty(), this::cancelRead);
        selection.selectionProperty().addListener((obs, old, now) -> follow(now));
        catalog.sessionProperty().addListener((obs, old, now) -> {
            cancelRead();
            relation.set(null);
            preview.set(null);
            stats.set(null);
            problem = "";
            update();
        });
        catalog.snapshotProperty().addListener((obs, old, now) -> refreshedSince());
        limit.addListener((obs, old, now) -> read());
        update();
    }

    /** Shows the first relation of what was selected elsewhere; other selections leave it as it is. */
    private void follow(SelectionService.Selection now) {
        now.first(CatalogItem.Relation.class).ifPresent(this::show);
    }

    /** Shows a relation's rows (the View Data command, a selection). */
    public void show(CatalogItem.Relation wanted) {
        if (Objects.equals(wanted, relation.get())) {
            return;
        }
        relation.set(wanted);
        orderBy = null;
        descending = false;
        preview.set(null);
        stats.set(null);
        read();
    }

    /**
     * Reads the first rows in the order of {@code column} (null: the order PostgreSQL returns them in).
     * A click on a column's header asks for ascending, then descending, then no order.
     */
    public void orderBy(String column, boolean descendingOrder) {
        if (java.util.Objects.equals(column, orderBy) && descendingOrder == descending) {
            return;
        }
        orderBy = column;
        descending = column != null && descendingOrder;
        read();
    }

    private void refreshedSince() {
        CatalogItem.Relation shown = relation.get();
        if (shown != null && shown.isStreamTable() && catalog.stateProperty().get() == CatalogModel.State.READY
                && catalog.table(shown.name()).isEmpty()) {
            // Dropped: nothing left to show.
            cancelRead();
            relation.set(null);
            preview.set(null);
            stats.set(null);
            problem = "";
            update();
            return;
        }
        if (shown != null && shown.isStreamTable() && !reading.get()
                && !Objects.equals(readAsOf, lastRefreshOf(shown))) {
            read();
        }
    }

    private Instant lastRefreshOf(CatalogItem.Relation shown) {
        return catalog.table(shown.name()).map(StreamTableInfo::lastRefreshAt).orElse(null);
    }

    /** Reads the rows (and the count and size) again, cancelling a read under way. */
    public void read() {
        EngineSession session = catalog.sessionProperty().get();
        CatalogItem.Relation shown = relation.get();
        if (session == null || shown == null) {
            update();
            return;
        }
        cancelRead();
        problem = "";
        readAsOf = lastRefreshOf(shown);
        reading.set(true);
        update();
        int mine = ++generation;
        PreviewRequest request = PreviewRequest.first(shown.name(), limit.get()).orderedBy(orderBy, descending);
        running = tasks.execute(session.preview(request)
                .onSuccess(read -> {
                    if (mine == generation) {
                        reading.set(false);
                        preview.set(read);
                        update();
                    }
                })
                .onFailure(e -> {
                    if (mine == generation) {
                        reading.set(false);
                        problem = ErrorMessages.describe(e);
                        update();
                    }
                })
                .onCancelled(() -> {
                    if (mine == generation) {
                        reading.set(false);
                        update();
                    }
                }));
        tasks.execute(session.relationStats(shown.name()).silent()
                .onSuccess(read -> {
                    if (mine == generation) {
                        stats.set(read);
                        update();
                    }
                })
                .onFailure(e -> {
                    // The rows still show; the count and size are only missing.
                }));
    }

    private void cancelRead() {
        if (running != null && reading.get()) {
            running.cancel();
        }
        running = null;
        reading.set(false);
    }

    private void update() {
        summary.set(summarise());
        empty.set(emptyMessage());
    }

    private EmptyStates.Message emptyMessage() {
        if (catalog.sessionProperty().get() == null) {
            return new EmptyStates.Message("Not connected", "Connect to a database to look at its data.");
        }
        if (relation.get() == null) {
            return new EmptyStates.Message("No table selected", "Select a stream table or a source in the navigator "
                    + "or the graph (or press F3 on it) to see its first rows here.");
        }
        if (!problem.isEmpty()) {
            return new EmptyStates.Message("Rows not read", problem);
        }
        if (preview.get() == null) {
            return new EmptyStates.Message("Reading " + relation.get().name() + "…", "");
        }
        if (preview.get().rows().isEmpty()) {
            return new EmptyStates.Message(relation.get().name() + " has no rows", "");
        }
        return null;
    }

    /** "shop.order_totals · 2,000 rows · 352 kB · first 100, by total descending". */
    private String summarise() {
        CatalogItem.Relation shown = relation.get();
        if (shown == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(shown.name());
        RelationStats s = stats.get();
        if (s != null) {
            out.append(" · ").append(s.rows() != null ? String.format(Locale.ROOT, "%,d rows", s.rows())
                    : String.format(Locale.ROOT, "about %,d rows", Math.max(0, s.estimatedRows())));
            out.append(" · ").append(ByteSizes.text(s.totalBytes()));
        }
        RelationPreview p = preview.get();
        if (p != null) {
            out.append(" · ").append(p.more() ? "first " + p.rows().size() : "all " + p.rows().size() + " shown");
            if (p.orderBy() != null) {
                out.append(", by ").append(p.orderBy()).append(p.descending() ? " descending" : " ascending");
            }
        }
        return out.toString();
    }

    public ReadOnlyObjectProperty<CatalogItem.Relation> relationProperty() {
        return relation.getReadOnlyProperty();
    }

    public ObjectProperty<Integer> limitProperty() {
        return limit;
    }

    public ReadOnlyObjectProperty<RelationPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RelationStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The relation, its count and size, and which rows show in which order. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EmptyStates.Message> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** The column the rows are ordered by, or null. */
    public String orderBy() {
        return orderBy;
    }

    public boolean descending() {
        return descending;
    }

    public WorkbenchCommand reloadCommand() {
        return reload;
    }

    public WorkbenchCommand cancelCommand() {
        return cancel;
    }
}
