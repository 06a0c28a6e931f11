package io.trickle.desktop.views.editor;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.CatalogIcons;
import io.trickle.desktop.views.sql.SqlTextView;
import io.trickle.desktop.workbench.EditorPart;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.ValidationResult;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A stream table's editor: name, schedule, mode and status above the query (a SQL editor with
 * highlighting), and below it what Validate found (DIFFERENTIAL or why not, warnings and columns),
 * the operator tree, the delta SQL and the command line Save would run. The buttons run the view
 * model's commands; the same commands answer Ctrl+Enter and Ctrl+S from the menu.
 */
public final class StreamTableEditorView implements EditorPart {

    private final StreamTableEditorViewModel model;
    private final Runnable onClosed;
    private final String id;
    private final BorderPane root = new BorderPane();
    private final SqlTextView query;

    /**
     * @param onClosed called once the editor's tab is gone
     */
    public StreamTableEditorView(StreamTableEditorViewModel model, Runnable onClosed) {
        this.model = model;
        this.onClosed = onClosed;
        this.id = "stream-table-" + Integer.toHexString(System.identityHashCode(model));
        query = new SqlTextView(true, model::outlines);
        query.setId("editor-query");
        query.bind(model.queryProperty());
        query.node().getStyleClass().add("editor-query-scroll");
        // The place PostgreSQL named in a refusal is marked in the query, and the caret put there.
        model.errorPositionProperty().addListener((obs, old, now) -> query.markError(now.intValue()));
        SplitPane split = new SplitPane(query.node(), results());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        split.getStyleClass().add("editor-split");
        root.setTop(new VBox(toolbar(), form()));
        root.setCenter(split);
        root.getStyleClass().add("stream-table-editor");
        root.setId("stream-table-editor");
    }

    // ---------------------------------------------------------------------------------------------
    // Toolbar and form
    // ---------------------------------------------------------------------------------------------

    private Node toolbar() {
        Button validate = button("Validate", "fth-check-square", model.validateCommand(), "editor-validate",
                "Ask the engine what it would make of the query, without creating anything (Ctrl+Enter)");
        Button save = button("Create", "fth-save", model.saveCommand(), "editor-save", "");
        save.textProperty().bind(Bindings.when(model.isNewProperty()).then("Create").otherwise("Save"));
        save.getStyleClass().add(Styles.ACCENT);
        save.setTooltip(new Tooltip("Show the command, ask, then create or alter the stream table (Ctrl+S)"));
        Button revert = button("Revert", "fth-corner-up-left", model.revertCommand(), "editor-revert",
                "Put back the values last loaded or saved");
        Button drop = button("Drop…", "fth-trash-2", model.dropCommand(), "editor-drop",
                "Drop this stream table, after showing the command and asking");
        drop.getStyleClass().add("editor-drop");
        bindVisible(revert, model.isNewProperty().not());
        bindVisible(drop, model.isNewProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("editor-busy");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.busyProperty().or(model.loadingProperty()).or(model.validatingProperty()));
        Label problem = new Label();
        problem.setId("editor-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, "editor-problem");
        problem.textProperty().bind(model.problem());
        problem.setGraphic(new FontIcon("fth-alert-circle"));
        problem.visibleProperty().bind(Bindings.isNotEmpty(model.problem()));
        problem.setMinWidth(0);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(validate, save, revert, new Separator(Orientation.VERTICAL), drop, busy, spring, problem);
        bar.getStyleClass().addAll("view-toolbar", "editor-toolbar");
        return bar;
    }

    private Node form() {
        TextField name = new TextField();
        name.setId("editor-name");
        name.setPromptText("schema.name");
        name.textProperty().bindBidirectional(model.nameProperty());
        name.disableProperty().bind(model.isNewProperty().not());
        name.setPrefColumnCount(18);
        TextField schedule = new TextField();
        schedule.setId("editor-schedule");
        schedule.setPromptText("calculated");
        schedule.textProperty().bindBidirectional(model.scheduleProperty());
        schedule.setPrefColumnCount(9);
        schedule.setTooltip(new Tooltip("A duration (30s, 5m, 1h30m), a cron expression (*/5 * * * *, @hourly) or "
                + "calculated: as often as the tables that read it need"));
        ComboBox<String> mode = choice(StreamTableEditorViewModel.MODES, model.modeProperty(), "editor-mode");
        mode.setTooltip(new Tooltip("AUTO: differential where the query allows it, else FULL with the reason; "
                + "DIFFERENTIAL: refused unless the query can be maintained so; FULL: recompute every time"));
        ComboBox<String> status = choice(StreamTableEditorViewModel.STATUSES, model.statusProperty(), "editor-status");
        CheckBox populate = new CheckBox("Populate now");
        populate.setId("editor-initialize");
        populate.selectedProperty().bindBidirectional(model.initializeProperty());
        HBox row = new HBox(8, field("Name", name), field("Schedule", schedule), field("Mode", mode),
                field("Status", status), populate);
        List.of(name, schedule).forEach(t -> t.getStyleClass().add(Styles.SMALL));
        List.of(mode, status).forEach(c -> c.getStyleClass().add(Styles.SMALL));
        bindVisible(row.getChildren().get(3), model.isNewProperty().not());
        bindVisible(populate, model.isNewProperty());
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("editor-form");
        return row;
    }

    private static ComboBox<String> choice(List<String> values, javafx.beans.property.StringProperty value, String id) {
        ComboBox<String> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(values));
        box.setId(id);
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    private static Node field(String caption, Node input) {
        Label label = new Label(caption);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        label.setLabelFor(input);
        HBox box = new HBox(5, label, input);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Button button(String text, String icon, WorkbenchCommand command, String id, String tip) {
        Button button = new Button(text, new FontIcon(icon));
        button.getStyleClass().add(Styles.SMALL);
        button.setId(id);
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> !command.canExecute(), command.executable()));
        button.setOnAction(e -> command.execute());
        if (!tip.isEmpty()) {
            button.setTooltip(new Tooltip(tip));
        }
        return button;
    }

    // ---------------------------------------------------------------------------------------------
    // Results of Validate
    // ---------------------------------------------------------------------------------------------

    private Node results() {
        CodeArea tree = monospace("editor-operator-tree");
        SqlTextView deltaView = new SqlTextView(false, List::of);
        deltaView.setId("editor-delta-sql");
        CodeArea delta = deltaView.area();
        CodeArea command = monospace("editor-command");
        model.validationProperty().addListener((obs, old, now) -> {
            replace(tree, now == null || now.operatorTree() == null ? emptyTree(now) : now.operatorTree());
            replace(delta, now == null || now.deltaSql() == null ? "-- no delta query: every refresh is FULL" : now.deltaSql());
        });
        ValidationResult initial = model.validationProperty().get();
        replace(tree, initial == null ? emptyTree(null) : initial.operatorTree() == null ? emptyTree(initial)
                : initial.operatorTree());
        model.commandPreview().addListener((obs, old, now) -> replace(command, commandText(now)));
        replace(command, commandText(model.commandPreview().get()));
        TabPane tabs = new TabPane(tab("Validation", "fth-check-square", verdict(), "editor-tab-validation"),
                tab("Operator tree", "fth-git-merge", new VirtualizedScrollPane<>(tree), "editor-tab-tree"),
                tab("Delta SQL", "fth-code", deltaView.node(), "editor-tab-delta"),
                tab("Command", "fth-terminal", new VirtualizedScrollPane<>(command), "editor-tab-command"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().addAll(Styles.DENSE, "editor-results");
        tabs.setId("editor-results");
        return tabs;
    }

    private static String emptyTree(ValidationResult result) {
        return result == null ? "Validate the query to see the operator tree the engine derives from it."
                : "No operator tree: this query is refreshed FULL.";
    }

    private static String commandText(String preview) {
        return preview.isEmpty() ? "# Nothing to save. Change the definition, then Save shows here the command it "
                + "will run." : preview;
    }

    /** The verdict: DIFFERENTIAL or FULL and why, or the engine's refusal; then strategy, warnings, columns. */
    private Node verdict() {
        Label headline = new Label();
        headline.setId("editor-verdict");
        headline.setWrapText(true);
        headline.getStyleClass().addAll(Styles.TEXT_BOLD, "editor-verdict");
        Label details = new Label();
        details.setId("editor-verdict-details");
        details.setWrapText(true);
        details.getStyleClass().addAll(Styles.TEXT_SMALL, "editor-verdict-details");
        Label outdated = new Label("The query or mode changed since; validate again.",
                new FontIcon("fth-alert-triangle"));
        outdated.getStyleClass().addAll(Styles.TEXT_SMALL, "editor-outdated");
        bindVisible(outdated, model.validationOutdated());
        Runnable show = () -> showVerdict(headline, details);
        model.validationProperty().addListener((obs, old, now) -> show.run());
        model.validationErrorProperty().addListener((obs, old, now) -> show.run());
        show.run();
        VBox box = new VBox(8, headline, outdated, details);
        box.setPadding(new Insets(10));
        box.getStyleClass().add("editor-verdict-box");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private void showVerdict(Label headline, Label details) {
        ValidationResult result = model.validationProperty().get();
        String error = model.validationErrorProperty().get();
        headline.getStyleClass().removeAll("verdict-differential", "verdict-full", "verdict-refused");
        if (!error.isEmpty()) {
            headline.setText("Refused: " + error);
            headline.setGraphic(new FontIcon("fth-x-octagon"));
            headline.getStyleClass().add("verdict-refused");
            details.setText("Nothing was created. Change the query or the mode and validate again.");
            return;
        }
        if (result == null) {
            headline.setText("Not validated yet");
            headline.setGraphic(new FontIcon("fth-help-circle"));
            details.setText("Validate (Ctrl+Enter) shows whether the query can be refreshed DIFFERENTIAL, and if not "
                    + "why, with the operator tree and the delta SQL. Nothing is created.");
            return;
        }
        headline.setText(StreamTableEditorViewModel.verdict(result));
        headline.setGraphic(new FontIcon(result.differential() ? "fth-check-circle" : "fth-info"));
        headline.getStyleClass().add(result.differential() ? "verdict-differential" : "verdict-full");
        StringBuilder text = new StringBuilder();
        if (result.strategy() != null) {
            text.append("Strategy: ").append(result.strategy()).append('\n');
        }
        result.warnings().forEach(w -> text.append("Warning: ").append(w).append('\n'));
        text.append("Columns: ").append(String.join(", ", result.outputColumns()));
        details.setText(text.toString());
    }

    private static Tab tab(String title, String icon, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(new FontIcon(icon));
        tab.setId(id);
        return tab;
    }

    private static void bindVisible(Node node, ObservableBooleanValue visible) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(visible::get, visible));
        node.managedProperty().bind(node.visibleProperty());
    }

    // ---------------------------------------------------------------------------------------------
    // SQL areas
    // ---------------------------------------------------------------------------------------------

    private static CodeArea monospace(String id) {
        CodeArea area = new CodeArea();
        area.setEditable(false);
        area.setWrapText(true);
        area.getStyleClass().addAll("sql-area", "plain-area");
        area.setId(id);
        return area;
    }

    private static void replace(CodeArea area, String text) {
        if (!area.getText().equals(text)) {
            area.replaceText(text);
            area.moveTo(0);
            area.requestFollowCaret();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // EditorPart
    // ---------------------------------------------------------------------------------------------

    public StreamTableEditorViewModel model() {
        return model;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return model.titleProperty().get();
    }

    @Override
    public ObservableStringValue titleProperty() {
        return model.titleProperty();
    }

    @Override
    public String icon() {
        return CatalogIcons.STREAM_TABLE;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public ObservableBooleanValue dirty() {
        return model.dirty();
    }

    @Override
    public boolean mayClose() {
        return model.mayClose();
    }

    @Override
    public void closed() {
        onClosed.run();
    }
}
