package io.trickle.desktop.workbench;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/**
 * The perspective buttons at the right of the toolbar and the matching radio items of the Window
 * menu, both following {@link PerspectiveRegistry#activeProperty()}.
 */
public final class PerspectiveSwitcher {

    private final PerspectiveRegistry perspectives;

    public PerspectiveSwitcher(PerspectiveRegistry perspectives) {
        this.perspectives = perspectives;
    }

    public Node buttons() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().add("perspective-switcher");
        Label caption = new Label("Perspective");
        caption.getStyleClass().add("perspective-caption");
        box.getChildren().add(caption);
        List<Perspective> all = perspectives.all();
        for (int i = 0; i < all.size(); i++) {
            Perspective p = all.get(i);
            ToggleButton button = new ToggleButton(p.label(), CommandControls.icon(p.icon()));
            button.setId("perspective-" + p.id());
            button.setToggleGroup(group);
            button.setFocusTraversable(false);
            button.getStyleClass().add(i == 0 ? "left-pill" : i == all.size() - 1 ? "right-pill" : "center-pill");
            button.setSelected(p.equals(perspectives.active()));
            button.setOnAction(e -> {
                perspectives.activate(p.id());
                button.setSelected(true);
            });
            perspectives.activeProperty().addListener((obs, old, now) -> button.setSelected(now.equals(p)));
            box.getChildren().add(button);
        }
        return box;
    }

    public List<MenuItem> menuItems() {
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new ArrayList<>();
        for (Perspective p : perspectives.all()) {
            RadioMenuItem item = new RadioMenuItem(p.label(), CommandControls.icon(p.icon()));
            item.setId("menu-perspective-" + p.id());
            item.setToggleGroup(group);
            item.setSelected(p.equals(perspectives.active()));
            item.setOnAction(e -> perspectives.activate(p.id()));
            perspectives.activeProperty().addListener((obs, old, now) -> item.setSelected(now.equals(p)));
            items.add(item);
        }
        return items;
    }
}
