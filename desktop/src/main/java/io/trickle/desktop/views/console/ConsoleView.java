package io.trickle.desktop.views.console;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.sql.ResultGridView;
import io.trickle.desktop.views.sql.SqlTextView;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.CommandRegistry;
import io.trickle.desktop.workbench.ViewPart;
import io.trickle.engine.api.StatementResult;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The SQL console: the statements above (highlighting, completion on Ctrl+Space, Ctrl+Enter runs them),
 * below the last result in a grid, a message per statement, and the history of statements run. The
 * toolbar says whether the console is read-only or may write, and switches it.
 */
public final class ConsoleView implements ViewPart {

    public static final String ID = "console";
    private static final PseudoClass WRITES = PseudoClass.getPseudoClass("writes");
    private static final KeyCombination RUN = KeyCombination.valueOf(CommandId.RUN_SQL.accelerator().orElseThrow());

    private final ConsoleViewModel model;
    private final BorderPane root = new BorderPane();
    private final SqlTextView editor;
    private final ResultGridView grid = new ResultGridView("console-result", "Statements that return rows show them here.");
    private final TableView<List<String>> result = grid.node();

    public ConsoleView(ConsoleViewModel model, CommandControls controls, CommandRegistry commands) {
        this.model = model;
        editor = new SqlTextView(true, model::outlines);
        editor.setId("console-editor");
        editor.bind(model.scriptProperty());
        // Ctrl+Enter runs here; the event never reaches the window, where it validates an editor's query.
        editor.onKey(RUN, () -> commands.execute(CommandId.RUN_SQL));
        model.errorPositionProperty().addListener((obs, old, now) -> editor.markError(now));

        model.shownResultProperty().addListener((obs, old, now) -> show(now));

        ListView<String> messages = new ListView<>(model.messages());
        messages.setId("console-messages");
        messages.setCellFactory(l -> new TextCell());
        ListView<String> history = new ListView<>(model.history());
        history.setId("console-history");
        history.setCellFactory(l -> new TextCell());
        history.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && history.getSelectionModel().getSelectedItem() != null) {
                model.recall(history.getSelectionModel().getSelectedItem());
            }
        });
        TabPane below = new TabPane(tab("Result", "fth-grid", result, "console-tab-result"),
                tab("Messages", "fth-message-square", messages, "console-tab-messages"),
                tab("History", "fth-clock", history, "console-tab-history"));
        below.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        below.getStyleClass().add(Styles.DENSE);
        model.messages().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (model.shownResultProperty().get() == null && !model.messages().isEmpty()) {
                below.getSelectionModel().select(1);
            }
        });
        model.shownResultProperty().addListener((obs, old, now) -> below.getSelectionModel().select(now == null ? 1 : 0));

        SplitPane split = new SplitPane(editor.node(), below);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        root.setTop(toolbar(controls));
        root.setCenter(split);
        root.getStyleClass().add("console-view");
        root.setId("console-view");
    }

    private Node toolbar(CommandControls controls) {
        Button run = controls.button(CommandId.RUN_SQL);
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Run the statements, one after another (Ctrl+Enter)"));
        Button cancel = controls.button(CommandId.CANCEL_SQL);
        Button writes = controls.button(CommandId.TOGGLE_CONSOLE_WRITES);
        writes.setId("console-writes");
        writes.textProperty().bind(javafx.beans.binding.Bindings.when(model.readOnlyProperty())
                .then("Read-only").otherwise("Read-write"));
        writes.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new FontIcon(model.readOnlyProperty().get() ? "fth-lock" : "fth-unlock"), model.readOnlyProperty()));
        writes.setTooltip(new Tooltip("Read-only runs only statements that read, in a READ ONLY transaction; "
                + "click to allow writes (asks first), or to go back to read-only"));
        model.readOnlyProperty().addListener((obs, old, now) -> writes.pseudoClassStateChanged(WRITES, !now));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.runningProperty());
        Label hint = new Label("Ctrl+Space completes names");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setMinWidth(Region.USE_PREF_SIZE);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(run, cancel, busy, new Separator(Orientation.VERTICAL), writes, spring, hint);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private void show(StatementResult shown) {
        if (shown == null) {
            grid.clear();
        } else {
            grid.show(shown.columns(), shown.rows());
        }
    }

    private static Tab tab(String title, String icon, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(new FontIcon(icon));
        tab.setId(id);
        return tab;
    }

    /** A line of text with the whole text as its tooltip. */
    private static final class TextCell extends ListCell<String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null ? null : new Tooltip(text));
        }
    }

    /** The editor, for tests. */
    public SqlTextView editor() {
        return editor;
    }

    /** The result grid, for tests. */
    public TableView<List<String>> result() {
        return result;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "SQL Console";
    }

    @Override
    public String icon() {
        return "fth-terminal";
    }

    @Override
    public Node node() {
        return root;
    }
}
