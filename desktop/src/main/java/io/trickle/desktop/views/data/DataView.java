package io.trickle.desktop.views.data;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.catalog.EmptyStateView;
import io.trickle.desktop.views.sql.ResultGridView;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.ViewPart;
import io.trickle.engine.api.RelationPreview;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The first rows of the selected stream table or source in a grid: a click on a column's header orders
 * the rows by it in the database (ascending, descending, unordered), the toolbar picks how many rows
 * and says how many the relation holds and how large it is. NULL is drawn as such, and every value's
 * text is its tooltip.
 */
public final class DataView implements ViewPart {

    public static final String ID = "data";

    private final DataViewModel model;
    private final BorderPane root = new BorderPane();
    private final ResultGridView grid = new ResultGridView("data-table", "");
    private final TableView<List<String>> table = grid.node();

    public DataView(DataViewModel model, CommandControls controls) {
        this.model = model;
        table.getStyleClass().add("data-table");
        table.visibleProperty().bind(model.emptyProperty().isNull());
        model.previewProperty().addListener((obs, old, now) -> show(now));
        EmptyStateView empty = new EmptyStateView("fth-grid", model.emptyProperty());
        root.setTop(toolbar(controls));
        root.setCenter(new StackPane(table, empty.node()));
        root.getStyleClass().add("data-view");
        root.setId("data-view");
        table.setContextMenu(controls.contextMenu(List.of(CommandId.RELOAD_DATA, CommandId.CANCEL_DATA)));
        show(model.previewProperty().get());
    }

    private Node toolbar(CommandControls controls) {
        Label summary = new Label();
        summary.setId("data-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, "data-summary");
        summary.setMinWidth(0);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(model.summaryProperty());
        summary.setTooltip(tip);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        ComboBox<Integer> limit = new ComboBox<>(FXCollections.observableArrayList(DataViewModel.LIMITS));
        limit.setId("data-limit");
        limit.getStyleClass().add(Styles.SMALL);
        limit.valueProperty().bindBidirectional(model.limitProperty());
        limit.setTooltip(new Tooltip("How many rows to read"));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.readingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label rows = new Label("Rows");
        rows.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        rows.setMinWidth(Region.USE_PREF_SIZE);
        ToolBar bar = new ToolBar(summary, busy, rows, limit, controls.toolbarButton(CommandId.RELOAD_DATA),
                controls.toolbarButton(CommandId.CANCEL_DATA));
        summary.prefWidthProperty().bind(bar.widthProperty().subtract(260));
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private void show(RelationPreview preview) {
        if (preview == null) {
            grid.clear();
            return;
        }
        grid.show(preview.columns(), preview.rows(), preview.orderBy(), preview.descending(), model::orderBy);
    }

    /** The grid, for tests. */
    public TableView<List<String>> table() {
        return table;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Data";
    }

    @Override
    public String icon() {
        return "fth-grid";
    }

    @Override
    public Node node() {
        return root;
    }
}
