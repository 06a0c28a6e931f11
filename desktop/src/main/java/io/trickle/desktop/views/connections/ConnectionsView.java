package io.trickle.desktop.views.connections;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.views.connections.ConnectionsViewModel.TestResult;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.CommandRegistry;
import io.trickle.desktop.workbench.ViewPart;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToolBar;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The connection profiles as a list (name, URL and user; the connected one marked), with the
 * connection commands on a small toolbar and in the context menu, and the last test's result below.
 */
public final class ConnectionsView implements ViewPart {

    public static final String ID = "connections";

    private final ConnectionsViewModel model;
    private final BorderPane root = new BorderPane();

    public ConnectionsView(ConnectionsViewModel model, CommandControls controls, CommandRegistry commands) {
        this.model = model;
        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setId("connections-list");
        list.getStyleClass().addAll(Styles.DENSE, "connections-list");
        list.setCellFactory(l -> new ProfileCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        list.getSelectionModel().select(model.selectedProperty().get());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                commands.execute(CommandId.CONNECT);
            }
        });
        list.setContextMenu(controls.contextMenu(List.of(CommandId.CONNECT, CommandId.DISCONNECT, CommandId.TEST_CONNECTION),
                List.of(CommandId.NEW_CONNECTION, CommandId.EDIT_CONNECTION, CommandId.DELETE_CONNECTION)));
        // Cells show the connected mark; redraw them when the session changes.
        model.session().sessionProperty().addListener((obs, old, now) -> list.refresh());

        ToolBar bar = new ToolBar(controls.toolbarButton(CommandId.NEW_CONNECTION),
                controls.toolbarButton(CommandId.EDIT_CONNECTION), controls.toolbarButton(CommandId.DELETE_CONNECTION),
                new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                controls.toolbarButton(CommandId.TEST_CONNECTION), controls.toolbarButton(CommandId.CONNECT),
                controls.toolbarButton(CommandId.DISCONNECT));
        bar.getStyleClass().add("view-toolbar");

        root.setTop(bar);
        root.setCenter(list);
        root.setBottom(testResult());
        root.getStyleClass().add("connections-view");
        root.setId("connections-view");
    }

    private Node testResult() {
        Label label = new Label();
        label.setId("connection-test-result");
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, "test-result");
        model.testResultProperty().addListener((obs, old, now) -> showResult(label, now));
        showResult(label, model.testResultProperty().get());
        return label;
    }

    private static void showResult(Label label, TestResult result) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        label.setText(result.text());
        label.setVisible(result.outcome() != TestResult.Outcome.NONE);
        label.setManaged(label.isVisible());
        switch (result.outcome()) {
            case SUCCEEDED:
                label.getStyleClass().add(Styles.SUCCESS);
                label.setGraphic(new FontIcon("fth-check-circle"));
                break;
            case FAILED:
                label.getStyleClass().add(Styles.DANGER);
                label.setGraphic(new FontIcon("fth-alert-octagon"));
                break;
            default:
                label.setGraphic(new FontIcon("fth-loader"));
        }
    }

    /** A profile as two lines: the name (and a "connected" badge), then URL and user in small type. */
    private final class ProfileCell extends ListCell<ConnectionProfile> {
        ProfileCell() {
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ConnectionProfile profile, boolean empty) {
            super.updateItem(profile, empty);
            setText(null);
            if (empty || profile == null) {
                setGraphic(null);
                return;
            }
            FontIcon icon = new FontIcon(profile.isEmbeddedDemo() ? "fth-box" : "fth-database");
            icon.getStyleClass().add("profile-icon");
            Label name = new Label(profile.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            HBox first = new HBox(6, name);
            EngineSession session = model.session().sessionProperty().get();
            if (session != null && session.profile().equals(profile)) {
                Label badge = new Label("connected");
                badge.getStyleClass().addAll("connected-badge", Styles.TEXT_SMALL);
                first.getChildren().add(badge);
            }
            String where = profile.isEmbeddedDemo() ? "PostgreSQL bundled with Trickle, started on demand"
                    : profile.jdbcUrl() + (profile.user() == null || profile.user().isBlank() ? "" : "  ·  " + profile.user());
            Label detail = new Label(where);
            detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            // Long URLs end in an ellipsis instead of widening the list past the view.
            name.setMinWidth(0);
            detail.setMinWidth(0);
            setTooltip(new javafx.scene.control.Tooltip(profile.name() + "\n" + where));
            VBox text = new VBox(1, first, detail);
            HBox row = new HBox(8, icon, text);
            row.getStyleClass().add("profile-row");
            setGraphic(row);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Connections";
    }

    @Override
    public String icon() {
        return "fth-database";
    }

    @Override
    public Node node() {
        return root;
    }
}
