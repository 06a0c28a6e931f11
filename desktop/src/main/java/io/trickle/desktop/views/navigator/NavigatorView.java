package io.trickle.desktop.views.navigator;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.CatalogIcons;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.CommandRegistry;
import io.trickle.desktop.workbench.ViewPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The connected database as a tree: schemas, stream tables with their state icons (coloured like the
 * graph's nodes), the sources under each table, cycles and the place of the watermark groups. A
 * filter field narrows it; double-click or Enter opens a stream table's editor; the context menu
 * refreshes, edits and drops.
 */
public final class NavigatorView implements ViewPart {

    public static final String ID = "navigator";

    private final NavigatorViewModel model;
    private final TreeView<NavigatorNode> tree = new TreeView<>();
    private final BorderPane root = new BorderPane();
    /** Lines the DBA expanded or collapsed, kept across rebuilds of the tree. */
    private final Map<CatalogItem, Boolean> expanded = new HashMap<>();
    /** The first tree line of each item, for selecting what other views selected. */
    private final Map<CatalogItem, TreeItem<NavigatorNode>> lines = new HashMap<>();
    /** True while the tree's selection is set from the model, so it is not published back. */
    private boolean syncing;

    public NavigatorView(NavigatorViewModel model, CommandControls controls, CommandRegistry commands) {
        this.model = model;
        tree.setId("navigator-tree");
        tree.getStyleClass().addAll(Styles.DENSE, "navigator-tree");
        tree.setShowRoot(true);
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        tree.setCellFactory(t -> new NodeCell());
        tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<NavigatorNode>>) c -> publish());
        tree.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && selectedIsStreamTable()) {
                commands.execute(CommandId.EDIT_STREAM_TABLE);
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && selectedIsStreamTable()) {
                commands.execute(CommandId.EDIT_STREAM_TABLE);
                e.consume();
            }
        });
        tree.setContextMenu(controls.contextMenu(List.of(CommandId.REFRESH_NOW, CommandId.FULL_REFRESH),
                List.of(CommandId.VIEW_DATA, CommandId.COPY_CREATE_COMMAND, CommandId.OPEN_CONSOLE),
                List.of(CommandId.EDIT_STREAM_TABLE, CommandId.DROP_STREAM_TABLE),
                List.of(CommandId.NEW_STREAM_TABLE, CommandId.RELOAD_CATALOG)));
        model.rootProperty().addListener((obs, old, now) -> show(now));
        model.shownSelectionProperty().addListener((obs, old, now) -> select(now));

        EmptyStateView empty = new EmptyStateView(CatalogIcons.DATABASE, model.emptyProperty());
        tree.visibleProperty().bind(model.rootProperty().isNotNull());
        StackPane centre = new StackPane(tree, empty.node());
        root.setTop(toolbar(controls));
        root.setCenter(centre);
        root.getStyleClass().add("navigator-view");
        root.setId("navigator-view");
        show(model.rootProperty().get());
    }

    private Node toolbar(CommandControls controls) {
        CustomTextField filter = new CustomTextField();
        filter.setPromptText("Filter by name");
        filter.setLeft(new FontIcon("fth-search"));
        filter.getStyleClass().addAll(Styles.SMALL, "navigator-filter");
        filter.setId("navigator-filter");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, javafx.scene.layout.Priority.ALWAYS);
        filter.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(2, filter, controls.toolbarButton(CommandId.REFRESH_NOW),
                controls.toolbarButton(CommandId.NEW_STREAM_TABLE), new Separator(Orientation.VERTICAL),
                controls.toolbarButton(CommandId.RELOAD_CATALOG));
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
        ToolBar bar = new ToolBar(box);
        box.prefWidthProperty().bind(bar.widthProperty().subtract(12));
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private void show(NavigatorNode node) {
        syncing = true;
        try {
            lines.clear();
            TreeItem<NavigatorNode> top = node == null ? null : item(node, 0);
            index(top);
            tree.setRoot(top);
            select(model.shownSelectionProperty().get());
        } finally {
            syncing = false;
        }
    }

    private TreeItem<NavigatorNode> item(NavigatorNode node, int depth) {
        TreeItem<NavigatorNode> item = new TreeItem<>(node);
        for (NavigatorNode child : node.children()) {
            item.getChildren().add(item(child, depth + 1));
        }
        boolean byDefault = depth < 2 && !(node.item() instanceof CatalogItem.Relation);
        item.setExpanded(expanded.getOrDefault(node.item(), byDefault));
        item.expandedProperty().addListener((obs, old, now) -> expanded.put(node.item(), now));
        return item;
    }

    /** Remembers each item's shallowest line: a table's own line comes before its mentions as a source. */
    private void index(TreeItem<NavigatorNode> top) {
        java.util.Deque<TreeItem<NavigatorNode>> next = new java.util.ArrayDeque<>();
        if (top != null) {
            next.add(top);
        }
        while (!next.isEmpty()) {
            TreeItem<NavigatorNode> line = next.poll();
            lines.putIfAbsent(line.getValue().item(), line);
            next.addAll(line.getChildren());
        }
    }

    private void select(List<CatalogItem> items) {
        List<TreeItem<NavigatorNode>> wanted = new ArrayList<>();
        for (CatalogItem item : items) {
            TreeItem<NavigatorNode> line = lines.get(item);
            if (line != null) {
                wanted.add(line);
            }
        }
        Set<TreeItem<NavigatorNode>> current = new HashSet<>(tree.getSelectionModel().getSelectedItems());
        if (current.equals(new HashSet<>(wanted))) {
            return;
        }
        boolean was = syncing;
        syncing = true;
        try {
            tree.getSelectionModel().clearSelection();
            for (TreeItem<NavigatorNode> line : wanted) {
                for (TreeItem<NavigatorNode> p = line.getParent(); p != null; p = p.getParent()) {
                    p.setExpanded(true);
                }
                tree.getSelectionModel().select(line);
            }
            if (!wanted.isEmpty()) {
                tree.scrollTo(Math.max(0, tree.getRow(wanted.get(0)) - 3));
            }
        } finally {
            syncing = was;
        }
    }

    private void publish() {
        if (syncing) {
            return;
        }
        List<CatalogItem> items = new ArrayList<>();
        for (TreeItem<NavigatorNode> line : List.copyOf(tree.getSelectionModel().getSelectedItems())) {
            if (line != null && !items.contains(line.getValue().item())) {
                items.add(line.getValue().item());
            }
        }
        model.select(items);
    }

    private boolean selectedIsStreamTable() {
        TreeItem<NavigatorNode> line = tree.getSelectionModel().getSelectedItem();
        return line != null && line.getValue().item() instanceof CatalogItem.Relation r && r.isStreamTable();
    }

    /** A line: the item's icon (coloured by state for stream tables), its name and muted detail. */
    private static final class NodeCell extends TreeCell<NavigatorNode> {
        private final FontIcon icon = new FontIcon();
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(6, icon, name, detail);

        NodeCell() {
            icon.getStyleClass().add("navigator-icon");
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "navigator-detail");
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            detail.setMinWidth(0);
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(NavigatorNode node, boolean empty) {
            super.updateItem(node, empty);
            setText(null);
            icon.getStyleClass().removeIf(c -> !c.equals("navigator-icon") && !c.equals("ikonli-font-icon"));
            if (empty || node == null) {
                setGraphic(null);
                setTooltip(null);
                setId(null);
                return;
            }
            icon.setIconLiteral(CatalogIcons.of(node.item()));
            if (node.state() != null) {
                icon.getStyleClass().addAll("status-icon", node.state().styleClass());
            }
            name.setText(node.label());
            detail.setText(node.detail());
            setTooltip(node.tooltip().isEmpty() ? null : new Tooltip(node.tooltip()));
            setId("nav-" + node.item().label().replaceAll("[^A-Za-z0-9_.-]", "_"));
            setGraphic(box);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Navigator";
    }

    @Override
    public String icon() {
        return "fth-layers";
    }

    @Override
    public Node node() {
        return root;
    }
}
