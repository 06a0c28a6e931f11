package io.trickle.desktop.workbench;

import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Parent;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Puts the window together: menu bar and toolbar made from the command registry, the perspective
 * switcher, the workbench area, the status bar, and a layer above everything for notifications.
 */
public final class WorkbenchWindow {

    private final StackPane root = new StackPane();

    /**
     * @param overlay   the layer above everything, where notifications appear; it lets clicks through
     *                  where it shows nothing
     * @param menuTexts menu items whose text changes ("Undo Move Jobs")
     */
    public WorkbenchWindow(CommandControls controls, Workbench workbench, PerspectiveSwitcher switcher,
                           ViewRegistry views, StatusBar statusBar, Map<CommandId, ObservableStringValue> menuTexts,
                           Pane overlay) {
        Menu perspectiveMenu = new Menu("Open Perspective");
        perspectiveMenu.getItems().addAll(switcher.menuItems());
        Menu showView = new Menu("Show View");
        showView.setId("menu-show-view");
        for (ViewPart view : views.all()) {
            MenuItem item = new MenuItem(view.title(), CommandControls.icon(view.icon()));
            item.setId("menu-show-view-" + view.id());
            item.setOnAction(e -> workbench.showView(view.id()));
            showView.getItems().add(item);
        }
        MenuBar menuBar = controls.menuBar(Map.of(CommandId.Menu.WINDOW, List.of(perspectiveMenu, showView)), menuTexts);
        menuBar.setId("menu-bar");

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar toolBar = new ToolBar();
        toolBar.getItems().addAll(controls.toolbarItems());
        toolBar.getItems().addAll(spring, switcher.buttons());
        toolBar.getStyleClass().add("workbench-toolbar");
        toolBar.setId("workbench-toolbar");

        BorderPane frame = new BorderPane();
        frame.setTop(new VBox(menuBar, toolBar));
        frame.setCenter(workbench.node());
        frame.setBottom(statusBar.node());
        overlay.setPickOnBounds(false);
        overlay.getStyleClass().add("notification-layer");
        root.getChildren().addAll(frame, overlay);
        root.getStyleClass().add("workbench-window");
    }

    public Parent root() {
        return root;
    }

}
