package io.trickle.desktop.views.placeholders;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.workbench.ViewPart;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Holds a view's place in the layout until its feature is built, and says plainly what will appear
 * there. It shows no fake data: a DBA should never mistake it for a working view.
 */
public final class PlaceholderView implements ViewPart {

    private final String id;
    private final String title;
    private final String icon;
    private final VBox root;

    /**
     * @param promise what the view will show, in a sentence or two
     */
    public PlaceholderView(String id, String title, String icon, String promise) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        FontIcon big = new FontIcon(icon);
        big.getStyleClass().add("placeholder-icon");
        Label headline = new Label(title + " is not available yet");
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        Label text = new Label(promise);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setWrapText(true);
        text.setMaxWidth(360);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        root = new VBox(8, big, headline, text);
        root.setAlignment(Pos.CENTER);
        root.getStyleClass().add("placeholder-view");
        root.setId("placeholder-" + id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String icon() {
        return icon;
    }

    @Override
    public Node node() {
        return root;
    }
}
