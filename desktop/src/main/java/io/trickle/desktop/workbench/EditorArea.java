package io.trickle.desktop.workbench;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The centre of the workbench, where documents open as tabs. It is shared by the perspectives that
 * have an editor slot, so switching perspective keeps the open editors. With nothing open it says
 * what will appear there.
 */
public final class EditorArea {

    private final TabPane tabs = new TabPane();
    private final StackPane root = new StackPane();

    /**
     * @param emptyTitle the headline shown while no editor is open
     * @param emptyHint  a sentence on how editors get opened
     */
    public EditorArea(String emptyIcon, String emptyTitle, String emptyHint) {
        tabs.getStyleClass().addAll("editor-area-tabs", Styles.DENSE);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        Label title = new Label(emptyTitle, CommandControls.icon(emptyIcon));
        title.getStyleClass().addAll(Styles.TITLE_4, "empty-state-title");
        Label hint = new Label(emptyHint);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, "empty-state-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        VBox empty = new VBox(8, title, hint);
        empty.getStyleClass().add("empty-state");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(tabs.getTabs()));
        root.getStyleClass().add("editor-area");
        root.setId("editor-area");
        root.getChildren().addAll(tabs, empty);
    }

    public Node node() {
        return root;
    }

    /** Opens the editor, or selects it when an editor for the same document is open. */
    public void open(EditorPart editor) {
        Optional<Tab> open = tabs.getTabs().stream().filter(t -> editor.id().equals(t.getUserData())).findFirst();
        Tab tab = open.orElseGet(() -> {
            Tab created = new Tab(editor.title(), editor.node());
            created.setGraphic(CommandControls.icon(editor.icon()));
            created.setUserData(editor.id());
            created.textProperty().bind(javafx.beans.binding.Bindings.when(editor.dirty())
                    .then("*" + editor.title()).otherwise(editor.title()));
            tabs.getTabs().add(created);
            return created;
        });
        tabs.getSelectionModel().select(tab);
    }

    public int openCount() {
        return tabs.getTabs().size();
    }
}
