package io.trickle.desktop.services.fx;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import io.trickle.desktop.services.NotificationService;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows notices as AtlantaFX notifications stacked at the top right of the window. Information goes
 * away after a few seconds; warnings and errors stay until the DBA closes them, so nothing that went
 * wrong slips by unread.
 */
public final class FxNotificationService implements NotificationService {

    private static final Duration SHORT = Duration.seconds(6);
    private static final int MAX_SHOWN = 4;

    private final VBox column = new VBox(8);

    public FxNotificationService(Pane overlay) {
        column.setId("notifications");
        column.setPickOnBounds(false);
        column.setAlignment(Pos.TOP_RIGHT);
        column.setMaxWidth(420);
        column.setFillWidth(true);
        StackPane anchor = new StackPane(column);
        anchor.setPickOnBounds(false);
        anchor.setAlignment(Pos.TOP_RIGHT);
        anchor.setPadding(new Insets(88, 16, 0, 0));
        anchor.prefWidthProperty().bind(overlay.widthProperty());
        anchor.setMaxHeight(Double.MAX_VALUE);
        StackPane.setAlignment(column, Pos.TOP_RIGHT);
        overlay.getChildren().add(anchor);
    }

    @Override
    public void notify(Notice notice) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> notify(notice));
            return;
        }
        String text = notice.message().isBlank() ? notice.title() : notice.title() + "\n" + notice.message();
        Notification n = new Notification(text, new FontIcon(icon(notice.severity())));
        n.getStyleClass().addAll(Styles.ELEVATED_1, style(notice.severity()), "trickle-notification");
        n.setPrefWidth(400);
        n.setMaxWidth(400);
        n.setOnClose(e -> column.getChildren().remove(n));
        column.getChildren().add(0, n);
        if (column.getChildren().size() > MAX_SHOWN) {
            column.getChildren().remove(MAX_SHOWN, column.getChildren().size());
        }
        if (notice.severity() == Severity.INFO || notice.severity() == Severity.SUCCESS) {
            PauseTransition later = new PauseTransition(SHORT);
            later.setOnFinished(e -> column.getChildren().remove(n));
            later.play();
        }
    }

    private static String icon(Severity severity) {
        switch (severity) {
            case SUCCESS:
                return "fth-check-circle";
            case WARNING:
                return "fth-alert-triangle";
            case ERROR:
                return "fth-alert-octagon";
            default:
                return "fth-info";
        }
    }

    private static String style(Severity severity) {
        switch (severity) {
            case SUCCESS:
                return Styles.SUCCESS;
            case WARNING:
                return Styles.WARNING;
            case ERROR:
                return Styles.DANGER;
            default:
                return Styles.ACCENT;
        }
    }
}
