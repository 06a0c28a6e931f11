package io.trickle.desktop.views.properties;

import io.trickle.desktop.services.CatalogSnapshot;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.CatalogIcons;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.properties.PropertySection.Row;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.StreamTableDetails;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The properties of what is selected anywhere in the workbench: for a stream table its state, mode
 * and why, schedule, last refresh, staleness, errors, columns and sources; for a source the stream
 * tables that read it; for a schema, the database, a cycle or a connection profile what there is to
 * know. A stream table's columns and plan are read in the background ({@code show}); the rest comes
 * from the catalog the other views share.
 */
public final class PropertiesViewModel {

    private final CatalogModel catalog;
    private final SelectionService selection;
    private final TaskExecutor tasks;

    private final ObservableList<PropertySection> sections = FXCollections.observableArrayList();
    /** One read-only view of the sections, kept here: listeners on a wrapper nobody holds would be lost. */
    private final ObservableList<PropertySection> readOnlySections = FXCollections.unmodifiableObservableList(sections);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyStringWrapper icon = new ReadOnlyStringWrapper(this, "icon", "");
    private final ReadOnlyObjectWrapper<Object> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    /** The details read for the stream table shown, or null while they are read or when they failed. */
    private StreamTableDetails details;
    private String detailsProblem = "";
    /** Rows, size, indexes and grants of the relation shown (a stream table's storage table), or null. */
    private RelationStats stats;
    private String statsProblem = "";
    /** The shown stream table's last refresh when its stats were read: a newer one reads them again. */
    private java.time.Instant statsAsOf;

    public PropertiesViewModel(CatalogModel catalog, SelectionService selection, TaskExecutor tasks) {
        this.catalog = catalog;
        this.selection = selection;
        this.tasks = tasks;
        selection.selectionProperty().addListener((obs, old, now) -> show(now.items().isEmpty() ? null : now.items().get(0)));
        catalog.snapshotProperty().addListener((obs, old, now) -> refreshShown());
        catalog.sessionProperty().addListener((obs, old, now) -> show(null));
        show(null);
    }

    private void show(Object item) {
        boolean same = Objects.equals(item, shown.get());
        shown.set(item);
        if (!same) {
            details = null;
            detailsProblem = "";
            stats = null;
            statsProblem = "";
            readDetails();
            readStats();
        }
        render();
    }

    /**
     * The catalog was read again: keep showing the item with fresh values, fresh details, and — once the
     * stream table was refreshed since — fresh row counts.
     */
    private void refreshShown() {
        readDetails();
        if (shown.get() instanceof CatalogItem.Relation relation && relation.isStreamTable()
                && !java.util.Objects.equals(statsAsOf, lastRefreshOf(relation))) {
            readStats();
        }
        render();
    }

    private java.time.Instant lastRefreshOf(CatalogItem.Relation relation) {
        return catalog.table(relation.name()).map(io.trickle.engine.api.StreamTableInfo::lastRefreshAt).orElse(null);
    }

    private void readStats() {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null || !(shown.get() instanceof CatalogItem.Relation relation)) {
            return;
        }
        Object asked = shown.get();
        statsAsOf = lastRefreshOf(relation);
        tasks.execute(session.relationStats(relation.name()).silent()
                .onSuccess(read -> {
                    if (Objects.equals(asked, shown.get())) {
                        stats = read;
                        statsProblem = "";
                        render();
                    }
                })
                .onFailure(e -> {
                    if (Objects.equals(asked, shown.get())) {
                        statsProblem = ErrorMessages.describe(e);
                        render();
                    }
                }));
    }

    private void readDetails() {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null || !(shown.get() instanceof CatalogItem.Relation relation) || !relation.isStreamTable()
                || catalog.table(relation.name()).isEmpty()) {
            return;
        }
        Object asked = shown.get();
        tasks.execute(session.show(relation.name()).silent()
                .onSuccess(read -> {
                    if (Objects.equals(asked, shown.get())) {
                        details = read;
                        detailsProblem = "";
                        render();
                    }
                })
                .onFailure(e -> {
                    if (Objects.equals(asked, shown.get())) {
                        detailsProblem = ErrorMessages.describe(e);
                        render();
                    }
                }));
    }

    private void render() {
        Object item = shown.get();
        CatalogSnapshot snapshot = catalog.snapshot();
        PropertySheets sheets = new PropertySheets(catalog, snapshot);
        List<PropertySection> next;
        if (item instanceof CatalogItem.Relation relation && relation.isStreamTable()) {
            next = new java.util.ArrayList<>(sheets.streamTable(relation.name(), details, detailsProblem));
            next.addAll(1, PropertySheets.storage("Storage table", stats, statsProblem));
        } else if (item instanceof CatalogItem.Relation relation) {
            next = new java.util.ArrayList<>(sheets.source(relation));
            next.addAll(1, PropertySheets.storage("Storage", stats, statsProblem));
        } else if (item instanceof CatalogItem.Schema schema) {
            next = sheets.schema(schema.name());
        } else if (item instanceof CatalogItem.Database) {
            next = sheets.database();
        } else if (item instanceof CatalogItem.Scc scc) {
            next = sheets.scc(scc.id());
        } else if (item instanceof CatalogItem.Cycles) {
            next = sheets.cycles();
        } else if (item instanceof CatalogItem.WatermarkGroups) {
            next = sheets.watermarkGroups();
        } else if (item instanceof CatalogItem.WatermarkGroup group) {
            next = sheets.watermarkGroup(group.name());
        } else if (item instanceof ConnectionProfile profile) {
            next = List.of(new PropertySection("Connection profile", List.of(Row.of("Name", profile.name()),
                    Row.of("URL", profile.isEmbeddedDemo() ? "PostgreSQL bundled with Trickle" : profile.jdbcUrl()),
                    Row.of("User", profile.user()))));
        } else {
            next = List.of();
        }
        heading.set(item instanceof CatalogItem c ? c.label() : item instanceof ConnectionProfile p ? p.name() : "");
        icon.set(item instanceof CatalogItem c ? CatalogIcons.of(c) : item instanceof ConnectionProfile ? "fth-database" : "");
        sections.setAll(next);
    }

    /** The rows of what is shown, grouped; empty when nothing is selected. */
    public ObservableList<PropertySection> sections() {
        return readOnlySections;
    }

    /** The name of what is shown. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** An icon literal for what is shown. */
    public ReadOnlyStringProperty iconProperty() {
        return icon.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Object> shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
