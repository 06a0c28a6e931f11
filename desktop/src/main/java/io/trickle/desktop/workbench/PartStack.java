package io.trickle.desktop.workbench;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * One stack of the layout drawn as a tab pane. A tab can be dragged onto another stack, or sent there
 * with "Move To" in its context menu; both become undoable edits through the {@link Host}.
 */
final class PartStack {

    /** What a stack asks of the workbench that draws it. */
    interface Host {
        /** Stacks a view may move to, as (stack id, label) pairs, excluding its own. */
        List<MoveTarget> moveTargets(String viewId);

        void move(String viewId, String stackId);

        void close(String viewId);

        /** The DBA picked a tab; remembered without an undo step. */
        void selected(String viewId);

        /** The DBA double-clicked a tab: its stack fills the workbench, or returns to its place. */
        void toggleMaximised(String viewId);
    }

    record MoveTarget(String stackId, String label) {
    }

    /** Dragged tabs carry their view id in this format, so nothing else can be dropped on a stack. */
    static final DataFormat VIEW_ID = new DataFormat("application/x-trickle-view-id");

    private final TabPane tabs = new TabPane();

    PartStack(LayoutNode.Stack stack, ViewRegistry views, Host host) {
        tabs.setId("stack-" + stack.id());
        tabs.getStyleClass().addAll("part-stack", Styles.DENSE);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        for (String viewId : stack.views()) {
            views.byId(viewId).ifPresent(view -> tabs.getTabs().add(tab(view, host)));
        }
        stack.showing().flatMap(id -> tabs.getTabs().stream().filter(t -> id.equals(t.getUserData())).findFirst())
                .ifPresent(tab -> tabs.getSelectionModel().select(tab));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                host.selected((String) now.getUserData());
            }
        });
        acceptDrops(stack.id(), host);
    }

    TabPane node() {
        return tabs;
    }

    boolean isEmpty() {
        return tabs.getTabs().isEmpty();
    }

    private Tab tab(ViewPart view, Host host) {
        Label header = new Label(view.title(), CommandControls.icon(view.icon()));
        header.getStyleClass().add("part-tab-label");
        Tab tab = new Tab(null, view.node());
        tab.setGraphic(header);
        tab.setId("tab-" + view.id());
        tab.setUserData(view.id());
        tab.setOnCloseRequest(e -> {
            e.consume();
            host.close(view.id());
        });
        tab.setContextMenu(contextMenu(view, host));
        header.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.getClickCount() == 2) {
                host.toggleMaximised(view.id());
                e.consume();
            }
        });
        header.setTooltip(new javafx.scene.control.Tooltip(view.title() + " — double-click to maximise or restore"));
        header.setOnDragDetected(e -> {
            Dragboard board = header.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.put(VIEW_ID, view.id());
            board.setContent(content);
            e.consume();
        });
        return tab;
    }

    private ContextMenu contextMenu(ViewPart view, Host host) {
        Menu moveTo = new Menu(CommandId.MOVE_VIEW.label(), CommandControls.icon(CommandId.MOVE_VIEW.icon()));
        moveTo.setId(CommandControls.menuItemId(CommandId.MOVE_VIEW));
        ContextMenu menu = new ContextMenu(moveTo, new SeparatorMenuItem());
        // Targets change as views move, so the submenu is filled each time the menu opens.
        menu.setOnShowing(e -> {
            moveTo.getItems().clear();
            for (MoveTarget target : host.moveTargets(view.id())) {
                MenuItem item = new MenuItem(target.label());
                item.setId("move-to-" + target.stackId());
                item.setOnAction(a -> host.move(view.id(), target.stackId()));
                moveTo.getItems().add(item);
            }
            moveTo.setDisable(moveTo.getItems().isEmpty());
        });
        MenuItem close = new MenuItem(CommandId.CLOSE_VIEW.label(), CommandControls.icon(CommandId.CLOSE_VIEW.icon()));
        close.setId(CommandControls.menuItemId(CommandId.CLOSE_VIEW));
        close.setOnAction(e -> host.close(view.id()));
        menu.getItems().add(close);
        return menu;
    }

    private void acceptDrops(String stackId, Host host) {
        tabs.setOnDragOver(e -> {
            Object id = e.getDragboard().getContent(VIEW_ID);
            if (id != null && tabs.getTabs().stream().noneMatch(t -> id.equals(t.getUserData()))) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        tabs.setOnDragDropped(e -> {
            Object id = e.getDragboard().getContent(VIEW_ID);
            boolean accepted = id instanceof String;
            if (accepted) {
                // Let the drag finish before the tab pane it came from is rebuilt.
                String viewId = (String) id;
                javafx.application.Platform.runLater(() -> host.move(viewId, stackId));
            }
            e.setDropCompleted(accepted);
            e.consume();
        });
    }
}
