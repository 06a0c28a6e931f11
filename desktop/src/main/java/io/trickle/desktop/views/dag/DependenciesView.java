package io.trickle.desktop.views.dag;

import atlantafx.base.theme.Styles;
import io.trickle.dagviewer.DagCell;
import io.trickle.dagviewer.DagView;
import io.trickle.desktop.views.catalog.CatalogIcons;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.views.catalog.StreamTableState;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.CommandRegistry;
import io.trickle.desktop.workbench.ViewPart;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.collections.SetChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jgrapht.graph.DefaultEdge;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * All stream tables and their sources as a layered graph (the dag-viewer control): each node coloured
 * by its table's state, cycles boxed with their SCC, selection shared with the navigator and the
 * properties. Double-click opens a stream table's editor; its context menu refreshes, edits and drops.
 */
public final class DependenciesView implements ViewPart {

    public static final String ID = "dag";

    private final DependenciesViewModel model;
    private final DagView<CatalogItem.Relation, DefaultEdge> dag = new DagView<>();
    private final BorderPane root = new BorderPane();
    private final ContextMenu menu;
    private boolean syncing;
    private boolean fitAfterLayout = true;
    private java.util.function.IntConsumer laidOut = nodes -> { };

    public DependenciesView(DependenciesViewModel model, CommandControls controls, CommandRegistry commands) {
        this.model = model;
        dag.setId("dag-view");
        dag.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        dag.setCellFactory(view -> new RelationCell(model));
        dag.setStatusFactory(model::statusOf);
        dag.setSccLabelFactory(model::sccLabel);
        menu = controls.contextMenu(List.of(CommandId.REFRESH_NOW, CommandId.FULL_REFRESH),
                List.of(CommandId.VIEW_DATA, CommandId.COPY_CREATE_COMMAND),
                List.of(CommandId.EDIT_STREAM_TABLE, CommandId.DROP_STREAM_TABLE), List.of(CommandId.RELOAD_CATALOG));
        menu.setId("dag-context-menu");
        dag.setOnNodeContextMenuRequested((relation, event) -> {
            menu.hide();
            menu.show(dag, event.getScreenX(), event.getScreenY());
        });
        dag.setOnNodeDoubleClicked(relation -> {
            if (relation.isStreamTable()) {
                commands.execute(CommandId.EDIT_STREAM_TABLE);
            }
        });
        dag.getSelectionModel().getSelectedItems().addListener(
                (SetChangeListener<CatalogItem.Relation>) change -> publish());
        model.graphProperty().addListener((obs, old, now) -> showGraph());
        model.shownSelectionProperty().addListener((obs, old, now) -> select(now));
        dag.layoutPendingProperty().addListener((obs, was, pending) -> {
            if (!pending && fitAfterLayout && dag.getLayoutResult() != null) {
                fitAfterLayout = false;
                dag.fitToView();
            }
            if (!pending && dag.getLayoutResult() != null && !dag.getLayoutResult().nodes().isEmpty()) {
                laidOut.accept(dag.getLayoutResult().nodes().size());
            }
        });
        dag.visibleProperty().bind(model.graphProperty().isNotNull());

        EmptyStateView empty = new EmptyStateView("fth-share-2", model.emptyProperty());
        // The state colours sit over the drawing's corner, so the toolbar keeps room for the commands.
        Node legend = legend();
        legend.visibleProperty().bind(dag.visibleProperty());
        legend.setMouseTransparent(true);
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new javafx.geometry.Insets(6));
        root.setTop(toolbar(controls));
        root.setCenter(new StackPane(dag, legend, empty.node()));
        root.getStyleClass().add("dependencies-view");
        root.setId("dependencies-view");
        showGraph();
    }

    private Node toolbar(CommandControls controls) {
        Button fit = new Button(null, new FontIcon("fth-maximize"));
        fit.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "dag-fit");
        fit.setId("dag-fit");
        fit.setTooltip(new Tooltip("Fit the whole graph into the view"));
        fit.setOnAction(e -> dag.fitToView());
        fit.setFocusTraversable(false);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        javafx.scene.control.ComboBox<DependenciesViewModel.Focus> focus = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(DependenciesViewModel.Focus.values()));
        focus.setId("dag-focus");
        focus.getStyleClass().add(Styles.SMALL);
        focus.valueProperty().bindBidirectional(model.focusProperty());
        focus.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DependenciesViewModel.Focus f) {
                return f == null ? "" : f.label();
            }

            @Override
            public DependenciesViewModel.Focus fromString(String text) {
                return DependenciesViewModel.Focus.ALL;
            }
        });
        focus.setTooltip(new Tooltip("Draw the whole graph, or only the selection's neighbourhood: what it reads "
                + "and what reads it (its direct neighbours or its whole lineage). The navigator's filter applies too."));
        focus.setPrefWidth(190);
        ToolBar bar = new ToolBar(controls.button(CommandId.REFRESH_NOW), controls.button(CommandId.FULL_REFRESH),
                new Separator(Orientation.VERTICAL), controls.toolbarButton(CommandId.RELOAD_CATALOG), fit, spring, focus);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    /** The state colours, as the nodes draw them. */
    private static Node legend() {
        HBox legend = new HBox(10);
        legend.getStyleClass().add("dag-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        for (StreamTableState state : List.of(StreamTableState.FRESH, StreamTableState.STALE, StreamTableState.ERROR,
                StreamTableState.SUSPENDED, StreamTableState.REFRESHING, StreamTableState.IMMEDIATE)) {
            Region chip = new Region();
            chip.getStyleClass().addAll("legend-chip", state.styleClass());
            Label label = new Label(state.label(), chip);
            label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            label.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(label);
        }
        return legend;
    }

    private void showGraph() {
        syncing = true;
        try {
            boolean first = dag.getGraph() == null;
            dag.setGraph(model.graphProperty().get());
            if (!first && dag.getGraph() != null) {
                // Captions may have changed for nodes that stay; measure them again.
                dag.relayout();
            }
            // A graph narrowed by the filter or the focus is fitted again, so it does not sit in a corner.
            fitAfterLayout = fitAfterLayout || first || model.isNarrowed();
            select(model.shownSelectionProperty().get());
        } finally {
            syncing = false;
        }
    }

    private void select(List<CatalogItem.Relation> relations) {
        if (dag.getGraph() == null) {
            return;
        }
        Set<CatalogItem.Relation> wanted = relations.stream().filter(dag.getGraph()::containsVertex)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (new HashSet<>(dag.getSelectionModel().getSelectedItems()).equals(wanted)) {
            return;
        }
        boolean was = syncing;
        syncing = true;
        try {
            dag.getSelectionModel().clearSelection();
            dag.getSelectionModel().selectAll(wanted);
        } finally {
            syncing = was;
        }
    }

    private void publish() {
        if (!syncing) {
            model.select(List.copyOf(dag.getSelectionModel().getSelectedItems()));
        }
    }

    /** Hears the number of nodes each time a graph with nodes has been laid out and is on screen. */
    public void whenLaidOut(java.util.function.IntConsumer action) {
        laidOut = action;
    }

    /** The graph control, for tests and screenshots. */
    public DagView<CatalogItem.Relation, DefaultEdge> dag() {
        return dag;
    }

    /** A node: the relation's icon, its name, and its schedule and mode (or kind) underneath. */
    private static final class RelationCell extends DagCell<CatalogItem.Relation> {
        private final DependenciesViewModel model;
        private final FontIcon icon = new FontIcon();
        private final Label name = new Label();
        private final Label caption = new Label();
        private final HBox content;

        RelationCell(DependenciesViewModel model) {
            this.model = model;
            icon.getStyleClass().add("dag-node-icon");
            name.getStyleClass().add("dag-node-name");
            caption.getStyleClass().add("dag-node-caption");
            content = new HBox(7, icon, new VBox(1, name, caption));
            content.setAlignment(Pos.CENTER_LEFT);
            content.getStyleClass().add("dag-node-content");
        }

        @Override
        protected void updateItem(CatalogItem.Relation relation, boolean empty) {
            super.updateItem(relation, empty);
            setText(null);
            caption.textProperty().unbind();
            if (empty || relation == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            icon.setIconLiteral(CatalogIcons.of(relation.kind()));
            name.setText(relation.name());
            caption.textProperty().bind(model.captionOf(relation));
            Tooltip tip = new Tooltip();
            tip.setOnShowing(e -> tip.setText(model.tooltip(relation)));
            setTooltip(tip);
            setId("dag-node-" + relation.name().replaceAll("[^A-Za-z0-9_-]", "_"));
            getStyleClass().remove("dag-source");
            if (!relation.isStreamTable()) {
                getStyleClass().add("dag-source");
            }
            setGraphic(content);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Dependencies";
    }

    @Override
    public String icon() {
        return "fth-share-2";
    }

    @Override
    public Node node() {
        return root;
    }
}
