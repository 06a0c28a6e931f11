package io.trickle.desktop.views.history;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.views.catalog.RefreshText;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.ViewPart;
import io.trickle.engine.api.HistoryEntry;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The refresh history across stream tables: when each decision was taken, what it did, the round of a
 * cycle's fixpoint, rows and milliseconds (or, for checks that found nothing to do, how many), and for
 * a failure its error text, with the failed rows highlighted. Every cell's text is its tooltip, so a
 * narrow column cuts nothing unreadable. Filters by table, action, status and text sit above the
 * table; the selected row is shown in full below it.
 */
public final class RefreshHistoryView implements ViewPart {

    public static final String ID = "history";
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final RefreshHistoryViewModel model;
    private final BorderPane root = new BorderPane();

    public RefreshHistoryView(RefreshHistoryViewModel model, CommandControls controls) {
        this.model = model;
        TableView<HistoryEntry> table = new TableView<>(model.shown());
        table.setId("history-table");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "history-table");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label(""));
        table.setRowFactory(t -> new EntryRow());
        // At the default window size every column fits; the reason takes what is left (and its tooltip the rest).
        TableColumn<HistoryEntry, String> reason = outcomeColumn();
        reason.setMinWidth(90);
        table.getColumns().addAll(List.of(statusColumn(),
                column("At", 76, e -> RefreshText.time(e.lastActivity())),
                column("Stream table", 136, HistoryEntry::name),
                column("Action", 100, HistoryEntry::action),
                column("Round", 62, e -> e.fixpointIteration() == null ? "" : e.fixpointIteration().toString()),
                column("By", 86, e -> e.initiatedBy().name().toLowerCase(Locale.ROOT)),
                column("Outcome", 110, RefreshHistoryView::outcome),
                reason));
        reason.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(reason.getMinWidth(),
                table.getWidth() - 18 - table.getColumns().stream().filter(c -> c != reason)
                        .mapToDouble(TableColumn::getWidth).sum()), table.widthProperty()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        table.setContextMenu(controls.contextMenu(List.of(CommandId.CLEAR_HISTORY_FILTER)));

        EmptyStateView empty = new EmptyStateView("fth-clock", model.emptyProperty());
        root.setTop(toolbar(controls));
        root.setCenter(new StackPane(table, empty.node()));
        root.setBottom(footer());
        root.getStyleClass().add("history-view");
        root.setId("history-view");
    }

    private Node toolbar(CommandControls controls) {
        ComboBox<String> tables = choice(model.tableChoices(), model.tableProperty(), "history-filter-table", 170);
        ComboBox<String> actions = choice(javafx.collections.FXCollections.observableArrayList(model.actionChoices()),
                model.actionProperty(), "history-filter-action", 115);
        ComboBox<String> statuses = choice(javafx.collections.FXCollections.observableArrayList(model.statusChoices()),
                model.statusProperty(), "history-filter-status", 115);
        CustomTextField text = new CustomTextField();
        text.setLeft(new FontIcon("fth-search"));
        text.setPromptText("Reason or error contains…");
        text.getStyleClass().add(Styles.SMALL);
        text.setId("history-filter-text");
        text.setPrefWidth(160);
        text.textProperty().bindBidirectional(model.textProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(tables, actions, statuses, text, controls.toolbarButton(CommandId.CLEAR_HISTORY_FILTER),
                spring, controls.toolbarButton(CommandId.RELOAD_CATALOG));
        bar.getStyleClass().addAll("view-toolbar", "history-toolbar");
        return bar;
    }

    private static ComboBox<String> choice(ObservableList<String> items, StringProperty value, String id, double width) {
        ComboBox<String> box = new ComboBox<>(items);
        box.valueProperty().bindBidirectional(value);
        box.getStyleClass().add(Styles.SMALL);
        box.setId(id);
        box.setPrefWidth(width);
        box.setVisibleRowCount(14);
        return box;
    }

    /** The count of refreshes shown, and the selected refresh in full (its error highlighted). */
    private Node footer() {
        Label summary = new Label();
        summary.textProperty().bind(model.summary());
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "history-summary");
        summary.setId("history-summary");
        return new javafx.scene.layout.VBox(detail(), summary);
    }

    private Node detail() {
        Label label = new Label();
        label.setId("history-detail");
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, "history-detail");
        label.textProperty().bind(model.selectedText());
        label.visibleProperty().bind(model.selectedText().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        model.selectedProperty().addListener((obs, old, now) ->
                label.pseudoClassStateChanged(FAILED, now != null && RefreshHistoryViewModel.failed(now)));
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /** "+12 −3 · 8.0 ms" for a refresh, "12 checks" for a run of checks that found nothing to do. */
    static String outcome(HistoryEntry e) {
        if (e.isQuietRun()) {
            return RefreshHistoryViewModel.checks(e);
        }
        if ("SKIP".equals(e.action())) {
            return "not run";
        }
        String rows = RefreshText.rows(e.rowsInserted(), e.rowsDeleted());
        return e.durationMs() == null ? rows : rows + " · " + RefreshText.millis(e.durationMs());
    }

    private static TableColumn<HistoryEntry, String> column(String title, double width,
                                                           Function<HistoryEntry, String> value) {
        TableColumn<HistoryEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 50));
        column.setCellFactory(c -> new TextCell());
        return column;
    }

    /** A cell whose whole text is also its tooltip. */
    private static final class TextCell extends TableCell<HistoryEntry, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isBlank() ? null : new Tooltip(text));
        }
    }

    private static TableColumn<HistoryEntry, HistoryEntry> statusColumn() {
        TableColumn<HistoryEntry, HistoryEntry> column = new TableColumn<>("");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(HistoryEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                String status = entry.status().toLowerCase(Locale.ROOT);
                FontIcon icon = new FontIcon(icon(status));
                icon.getStyleClass().add("history-status-" + status);
                setGraphic(icon);
                setTooltip(new Tooltip(status));
            }
        });
        column.setMinWidth(28);
        column.setMaxWidth(28);
        column.setSortable(false);
        return column;
    }

    private static String icon(String status) {
        switch (status) {
            case "completed":
                return "fth-check-circle";
            case "failed":
                return "fth-alert-octagon";
            case "running":
                return "fth-loader";
            default:
                return "fth-skip-forward";
        }
    }

    /** The reason of a fallback or skip, or for a failure its error text (highlighted by the row). */
    private static TableColumn<HistoryEntry, String> outcomeColumn() {
        return column("Reason", 160, e -> {
            if (e.errorMessage() != null && !e.errorMessage().isBlank()) {
                return e.errorMessage();
            }
            return e.reason() == null ? "" : e.reason();
        });
    }

    /** Failed refreshes carry the :failed pseudo-class, which trickle.css highlights. */
    private static final class EntryRow extends TableRow<HistoryEntry> {
        @Override
        protected void updateItem(HistoryEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            pseudoClassStateChanged(FAILED, !empty && entry != null && RefreshHistoryViewModel.failed(entry));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Refresh History";
    }

    @Override
    public String icon() {
        return "fth-clock";
    }

    @Override
    public Node node() {
        return root;
    }
}
