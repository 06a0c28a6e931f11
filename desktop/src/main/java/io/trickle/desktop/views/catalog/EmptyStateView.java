package io.trickle.desktop.views.catalog;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The box a catalog view shows instead of its content while it has none: an icon, a headline and what
 * to do, following an {@link EmptyStates.Message}. Hidden while the message is null.
 */
public final class EmptyStateView {

    private final VBox root = new VBox(6);

    public EmptyStateView(String icon, ObservableValue<EmptyStates.Message> message) {
        FontIcon graphic = new FontIcon(icon);
        graphic.getStyleClass().add("placeholder-icon");
        Label title = new Label();
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "empty-state-title");
        Label hint = new Label();
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "empty-state-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(320);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        root.getChildren().addAll(graphic, title, hint);
        root.getStyleClass().addAll("empty-state", "catalog-empty-state");
        root.setPickOnBounds(false);
        message.addListener((obs, old, now) -> show(now, title, hint));
        show(message.getValue(), title, hint);
    }

    private void show(EmptyStates.Message message, Label title, Label hint) {
        root.setVisible(message != null);
        title.setText(message == null ? "" : message.title());
        hint.setText(message == null ? "" : message.hint());
        hint.setVisible(message != null && !message.hint().isEmpty());
    }

    public Node node() {
        return root;
    }
}
