package io.trickle.desktop.views.sql;

import atlantafx.base.theme.Styles;
import io.trickle.engine.api.ColumnInfo;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.scene.Node;
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

    public ResultGridView(String id, String placeholder) {
        table.setId(id);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED, "result-grid");
        table.setPlaceholder(new Label(placeholder));
    }

    public TableView<List<String>> node() {
        return table;
    }

    /** Shows these rows; {@code header} makes each column's header (null for a plain one). */
    public void show(List<ColumnInfo> columns, List<List<String>> rows, Function<ColumnInfo, Node> header) {
        table.getColumns().clear();
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            ColumnInfo info = columns.get(i);
            TableColumn<List<String>, String> column = new TableColumn<>();
            column.setSortable(false);
            Node custom = header == null ? null : header.apply(info);
            if (custom != null) {
                column.setGraphic(custom);
            } else {
                Label plain = new Label(info.name());
                plain.setTooltip(new Tooltip(info.name() + " · " + info.type()));
                column.setGraphic(plain);
            }
            column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().get(index)));
            column.setCellFactory(c -> new ValueCell());
            column.setPrefWidth(Math.max(80, Math.min(260, 9 * Math.max(info.name().length(), 8))));
            table.getColumns().add(column);
        }
        table.setItems(FXCollections.observableArrayList(rows));
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
