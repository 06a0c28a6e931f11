package io.trickle.desktop.views.sql;

import atlantafx.base.theme.Styles;
import io.trickle.engine.api.ColumnInfo;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * Rows of text in a grid, as the Data view and the SQL console show them: a column per result column
 * (its type in the header's tooltip), SQL NULL drawn muted as {@code NULL}, every value's text as its
 * tooltip. The grid never sorts what it holds: ordering is the database's.
 */
public final class ResultGridView {

    private static final PseudoClass NULL = PseudoClass.getPseudoClass("null");

    private final TableView<List<String>> table = new TableView<>();
    private java.util.function.BiConsumer<String, Boolean> order;
    /** True while the grid sets its columns and their order itself, which is not a click. */
    private boolean syncing;

    public ResultGridView(String id, String placeholder) {
        table.setId(id);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "result-grid");
        table.setPlaceholder(new Label(placeholder));
        // A click on a header changes the sort order (a new column) or the sort type (the same column again)
        // and asks the database for rows in that order; the grid never sorts what it holds.
        table.setSortPolicy(t -> true);
        table.getSortOrder().addListener((javafx.collections.ListChangeListener<TableColumn<List<String>, ?>>) c -> askForOrder());
    }

    public TableView<List<String>> node() {
        return table;
    }

    /**
     * Shows these rows. With {@code orderable}, a click on a column's header asks for rows in that column's
     * order ({@code order} hears the column and whether descending, or null for no order), and the arrow
     * shows {@code orderedBy}; the grid itself never sorts.
     */
    public void show(List<ColumnInfo> columns, List<List<String>> rows, String orderedBy, boolean descending,
                     java.util.function.BiConsumer<String, Boolean> order) {
        syncing = true;
        try {
            table.getSortOrder().clear();
            table.getColumns().clear();
            TableColumn<List<String>, String> ordered = null;
            for (int i = 0; i < columns.size(); i++) {
                int index = i;
                ColumnInfo info = columns.get(i);
                TableColumn<List<String>, String> column = new TableColumn<>(info.name());
                column.setUserData(info.name());
                column.setId(table.getId() + "-col-" + info.name().replaceAll("[^A-Za-z0-9_-]", "_"));
                column.setSortable(order != null);
                column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().get(index)));
                column.setCellFactory(c -> new ValueCell());
                // Wide enough for the header and the first rows' values, within reason; the tooltip has the rest.
                int chars = info.name().length();
                for (int r = 0; r < Math.min(50, rows.size()); r++) {
                    String v = rows.get(r).get(i);
                    chars = Math.max(chars, v == null ? 4 : v.length());
                }
                column.setPrefWidth(Math.max(70, Math.min(300, 8 * chars + 24)));
                column.sortTypeProperty().addListener((obs, old, now) -> askForOrder());
                table.getColumns().add(column);
                if (info.name().equals(orderedBy)) {
                    column.setSortType(descending ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                    ordered = column;
                }
            }
            table.setItems(FXCollections.observableArrayList(rows));
            // Only once every column is in: adding columns takes a column of the sort order out again.
            if (ordered != null) {
                table.getSortOrder().add(ordered);
            }
            this.order = order;
        } finally {
            syncing = false;
        }
    }

    /** Shows rows that cannot be ordered (a console result). */
    public void show(List<ColumnInfo> columns, List<List<String>> rows) {
        show(columns, rows, null, false, null);
    }

    private void askForOrder() {
        if (syncing || order == null) {
            return;
        }
        if (table.getSortOrder().isEmpty()) {
            order.accept(null, false);
        } else {
            TableColumn<List<String>, ?> first = table.getSortOrder().get(0);
            order.accept((String) first.getUserData(), first.getSortType() == TableColumn.SortType.DESCENDING);
        }
    }

    public void clear() {
        table.getColumns().clear();
        table.getItems().clear();
    }

    /** A value, NULL drawn muted as NULL, its text as its tooltip. */
    private static final class ValueCell extends TableCell<List<String>, String> {
        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            boolean isNull = !empty && value == null && getTableRow() != null && getTableRow().getItem() != null;
            pseudoClassStateChanged(NULL, isNull);
            getStyleClass().remove("null-value");
            if (isNull) {
                getStyleClass().add("null-value");
            }
            setText(empty ? null : isNull ? "NULL" : value);
            setTooltip(empty || value == null || value.isEmpty() ? null : new Tooltip(value));
        }
    }
}
