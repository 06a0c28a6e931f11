package io.trickle.desktop.views.properties;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.views.properties.PropertySection.Row;
import io.trickle.desktop.workbench.ViewPart;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected item's properties, Eclipse style: a heading with the item's icon and name, then
 * titled groups of key and value. Values that need attention (an error, staleness) are coloured by
 * the same status colours as the navigator and the graph; column types are monospaced.
 */
public final class PropertiesView implements ViewPart {

    public static final String ID = "properties";

    private final PropertiesViewModel model;
    private final VBox content = new VBox();
    private final StackPane root = new StackPane();

    public PropertiesView(PropertiesViewModel model) {
        this.model = model;
        content.getStyleClass().add("properties-content");
        content.setId("properties-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().addAll("properties-scroll", "edge-to-edge");
        Label empty = new Label("Select a stream table, a source or a schema in the navigator or the graph to see "
                + "its properties here.");
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "properties-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(260);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.sections()));
        scroll.visibleProperty().bind(empty.visibleProperty().not());
        model.sections().addListener((ListChangeListener<PropertySection>) c -> render());
        root.getChildren().addAll(scroll, empty);
        root.getStyleClass().add("properties-view");
        root.setId("properties-view");
        render();
    }

    private void render() {
        content.getChildren().clear();
        if (model.sections().isEmpty()) {
            return;
        }
        Label heading = new Label(model.headingProperty().get(), new FontIcon(model.iconProperty().get()));
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "properties-heading");
        heading.setId("properties-heading");
        heading.setWrapText(true);
        content.getChildren().add(heading);
        for (PropertySection section : model.sections()) {
            content.getChildren().add(section(section));
        }
    }

    private static Node section(PropertySection section) {
        Label title = new Label(section.title().toUpperCase(Locale.ROOT));
        title.getStyleClass().addAll(Styles.TEXT_SMALL, "properties-section-title");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("properties-grid");
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(112);
        keys.setPrefWidth(118);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(60);
        grid.getColumnConstraints().addAll(keys, values);
        int r = 0;
        for (Row row : section.rows()) {
            Label key = new Label(row.key());
            key.getStyleClass().addAll(Styles.TEXT_MUTED, "properties-key");
            key.setMinWidth(0);
            if (!row.key().isEmpty()) {
                key.setTooltip(new javafx.scene.control.Tooltip(row.key()));
            }
            Label value = new Label(row.value());
            // Names break badly in the middle; sentences wrap, single words end in an ellipsis. Either way
            // the tooltip has it whole.
            boolean sentence = row.value().contains(" ") || row.value().contains("\n");
            value.setWrapText(sentence);
            if (!row.value().isEmpty()) {
                value.setTooltip(new javafx.scene.control.Tooltip(row.value()));
            }
            value.setMinWidth(0);
            value.getStyleClass().addAll("properties-value", "emphasis-" + row.emphasis().name().toLowerCase(Locale.ROOT));
            GridPane.setValignment(key, VPos.TOP);
            if (row.key().isEmpty()) {
                grid.add(value, 0, r++, 2, 1);
            } else {
                grid.add(key, 0, r);
                grid.add(value, 1, r++);
            }
        }
        VBox box = new VBox(4, new HBox(title), grid);
        box.getStyleClass().add("properties-section");
        box.setPadding(new Insets(0));
        return box;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Properties";
    }

    @Override
    public String icon() {
        return "fth-sliders";
    }

    @Override
    public Node node() {
        return root;
    }
}
