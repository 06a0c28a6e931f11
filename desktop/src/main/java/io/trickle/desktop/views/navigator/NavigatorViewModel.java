package io.trickle.desktop.views.navigator;

import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.views.catalog.StreamTableState;
import io.trickle.desktop.workbench.SelectionService;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.SetChangeListener;

/**
 * The navigator: the connected database as a tree of schemas, stream tables (with their state), their
 * sources, cycles and watermark groups, rebuilt whenever the catalog is read again. What the DBA
 * selects here is published to the selection service; what is selected elsewhere (the graph) is
 * selected here too.
 */
public final class NavigatorViewModel {

    /** The id under which this view publishes its selection. */
    public static final String PART_ID = "navigator";

    private final CatalogModel catalog;
    private final SelectionService selection;
    private final ReadOnlyObjectWrapper<NavigatorNode> root = new ReadOnlyObjectWrapper<>(this, "root");
    private final ReadOnlyObjectWrapper<EmptyStates.Message> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final ReadOnlyObjectWrapper<List<CatalogItem>> shownSelection =
            new ReadOnlyObjectWrapper<>(this, "shownSelection", List.of());
    private final StringProperty filter;

    public NavigatorViewModel(CatalogModel catalog, SelectionService selection) {
        this.catalog = catalog;
        this.selection = selection;
        this.filter = catalog.nameFilterProperty();
        catalog.snapshotProperty().addListener((obs, old, now) -> rebuild());
        catalog.stateProperty().addListener((obs, old, now) -> rebuild());
        catalog.refreshing().addListener((SetChangeListener<String>) change -> rebuild());
        filter.addListener((obs, old, now) -> rebuild());
        selection.selectionProperty().addListener((obs, old, now) -> follow(now));
        rebuild();
    }

    private void rebuild() {
        boolean ready = catalog.stateProperty().get() == CatalogModel.State.READY;
        empty.set(EmptyStates.of(catalog.stateProperty().get(), catalog.problemProperty().get(),
                catalog.snapshot().tables().isEmpty() && catalog.snapshot().graph().nodes().isEmpty()));
        NavigatorNode now = ready ? NavigatorTree.build(catalog.databaseName(), catalog.snapshot(), this::stateOf,
                filter.get()) : null;
        // The tree is drawn again only when a line changed, so reads that change nothing leave it alone.
        if (!java.util.Objects.equals(now, root.get())) {
            root.set(now);
        }
    }

    private StreamTableState stateOf(String name) {
        return catalog.stateOf(name).orElse(null);
    }

    private void follow(SelectionService.Selection now) {
        List<CatalogItem> items = now.items().stream().filter(CatalogItem.class::isInstance)
                .map(CatalogItem.class::cast).toList();
        if (!items.isEmpty() || now.isEmpty()) {
            shownSelection.set(items);
        }
    }

    /** The DBA selected these lines. */
    public void select(List<CatalogItem> items) {
        selection.publish(PART_ID, items);
    }

    /** The tree, or null while there is none (then {@link #emptyProperty()} says why). */
    public ReadOnlyObjectProperty<NavigatorNode> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** Why there is no tree, or (with a tree) that it holds no stream tables; null otherwise. */
    public ReadOnlyObjectProperty<EmptyStates.Message> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    /** What is selected in the workbench and should be selected here too. */
    public ReadOnlyObjectProperty<List<CatalogItem>> shownSelectionProperty() {
        return shownSelection.getReadOnlyProperty();
    }

    /** Keeps the relations whose name contains this text; the graph filters by the same text. */
    public StringProperty filterProperty() {
        return filter;
    }
}
