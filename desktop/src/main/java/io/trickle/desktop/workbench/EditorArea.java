package io.trickle.desktop.workbench;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The centre of the workbench, where documents open as tabs. It is shared by the perspectives that
 * have an editor slot, so switching perspective keeps the open editors. With nothing open it says
 * what will appear there. It knows which editor is in front, so that commands such as Save act on it.
 */
public final class EditorArea {

    private final TabPane tabs = new TabPane();
    private final StackPane root = new StackPane();
    private final Map<Tab, EditorPart> parts = new HashMap<>();
    private final ReadOnlyObjectWrapper<EditorPart> active = new ReadOnlyObjectWrapper<>(this, "active");

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
        empty.visibleProperty().bind(Bindings.isEmpty(tabs.getTabs()));
        empty.setMouseTransparent(true);
        root.getStyleClass().add("editor-area");
        root.setId("editor-area");
        root.getChildren().addAll(tabs, empty);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> active.set(parts.get(now)));
        tabs.getTabs().addListener((ListChangeListener<Tab>) change -> {
            while (change.next()) {
                for (Tab gone : change.getRemoved()) {
                    EditorPart part = parts.remove(gone);
                    if (part != null) {
                        part.closed();
                    }
                }
            }
            active.set(parts.get(tabs.getSelectionModel().getSelectedItem()));
        });
    }

    public Node node() {
        return root;
    }

    /** Opens the editor, or selects it when an editor for the same document is open. */
    public void open(EditorPart editor) {
        Tab tab = find(editor.id()).orElseGet(() -> {
            Tab created = new Tab(null, editor.node());
            created.setGraphic(CommandControls.icon(editor.icon()));
            created.setUserData(editor.id());
            created.setId("editor-tab-" + editor.id());
            created.textProperty().bind(Bindings.when(editor.dirty())
                    .then(Bindings.concat("*", editor.titleProperty())).otherwise(editor.titleProperty()));
            created.setOnCloseRequest(e -> {
                if (!editor.mayClose()) {
                    e.consume();
                }
            });
            parts.put(created, editor);
            tabs.getTabs().add(created);
            return created;
        });
        tabs.getSelectionModel().select(tab);
    }

    /** Closes the editor's tab without asking, if it is open. */
    public void close(String editorId) {
        find(editorId).ifPresent(tab -> tabs.getTabs().remove(tab));
    }

    /** The editor in front, or null when none is open. */
    public ReadOnlyObjectProperty<EditorPart> activeEditorProperty() {
        return active.getReadOnlyProperty();
    }

    public int openCount() {
        return tabs.getTabs().size();
    }

    private Optional<Tab> find(String editorId) {
        return tabs.getTabs().stream().filter(t -> editorId.equals(t.getUserData())).findFirst();
    }
}
