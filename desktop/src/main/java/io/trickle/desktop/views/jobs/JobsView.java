package io.trickle.desktop.views.jobs;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.JobsModel.Job;
import io.trickle.desktop.workbench.JobsModel.State;
import io.trickle.desktop.workbench.ViewPart;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/** A table of background jobs with their progress and a cancel button on each running one. */
public final class JobsView implements ViewPart {

    public static final String ID = "jobs";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final JobsViewModel model;
    private final BorderPane root = new BorderPane();

    public JobsView(JobsViewModel model, CommandControls controls) {
        this.model = model;
        TableView<Job> table = new TableView<>(model.jobs());
        table.setId("jobs-table");
        table.getStyleClass().addAll(Styles.DENSE, "jobs-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder());
        table.getColumns().addAll(List.of(stateColumn(), titleColumn(), progressColumn(), startedColumn(), cancelColumn()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        table.setContextMenu(controls.contextMenu(List.of(CommandId.CANCEL_JOB), List.of(CommandId.CLEAR_FINISHED_JOBS)));

        ToolBar bar = new ToolBar(controls.button(CommandId.CANCEL_JOB), controls.button(CommandId.CLEAR_FINISHED_JOBS));
        bar.getStyleClass().add("view-toolbar");
        root.setTop(bar);
        root.setCenter(table);
        root.getStyleClass().add("jobs-view");
        root.setId("jobs-view");
    }

    private static Node placeholder() {
        Label label = new Label("No background jobs. Connecting, testing and installing appear here while they run.");
        label.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        label.setWrapText(true);
        label.setPadding(new javafx.geometry.Insets(12));
        return label;
    }

    private TableColumn<Job, State> stateColumn() {
        TableColumn<Job, State> column = new TableColumn<>("");
        column.setCellValueFactory(c -> c.getValue().stateProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(State state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                FontIcon icon = new FontIcon(icon(state));
                icon.getStyleClass().add("job-state-" + state.name().toLowerCase(java.util.Locale.ROOT));
                setGraphic(icon);
                setTooltip(new Tooltip(state.name().toLowerCase(java.util.Locale.ROOT)));
            }
        });
        column.setMinWidth(30);
        column.setMaxWidth(30);
        column.setSortable(false);
        return column;
    }

    private static String icon(State state) {
        switch (state) {
            case RUNNING:
                return "fth-loader";
            case SUCCEEDED:
                return "fth-check-circle";
            case FAILED:
                return "fth-alert-octagon";
            case CANCELLED:
                return "fth-slash";
            default:
                return "fth-clock";
        }
    }

    private static TableColumn<Job, String> titleColumn() {
        TableColumn<Job, String> column = new TableColumn<>("Job");
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        column.setPrefWidth(260);
        column.setMinWidth(120);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String title, boolean empty) {
                super.updateItem(title, empty);
                setText(empty ? null : title);
                // Titles name a database and a table; a narrow column cuts them, the tooltip does not.
                setTooltip(empty || title == null ? null : new Tooltip(title));
            }
        });
        return column;
    }

    private static TableColumn<Job, Job> progressColumn() {
        TableColumn<Job, Job> column = new TableColumn<>("Progress");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label message = new Label();
            private final HBox box = new HBox(8, bar, message);

            {
                bar.getStyleClass().add(Styles.SMALL);
                bar.setPrefWidth(120);
                message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                HBox.setHgrow(message, Priority.ALWAYS);
                box.getStyleClass().add("job-progress");
            }

            @Override
            protected void updateItem(Job job, boolean empty) {
                super.updateItem(job, empty);
                bar.progressProperty().unbind();
                message.textProperty().unbind();
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                bar.progressProperty().bind(job.progressProperty());
                message.textProperty().bind(job.messageProperty());
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(job.messageProperty());
                setTooltip(tip);
                setGraphic(box);
            }
        });
        column.setPrefWidth(300);
        column.setSortable(false);
        return column;
    }

    private static TableColumn<Job, String> startedColumn() {
        TableColumn<Job, String> column = new TableColumn<>("Started");
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(c.getValue().started())));
        // A time never shrinks below its own width.
        column.setMinWidth(80);
        column.setPrefWidth(80);
        column.setMaxWidth(90);
        return column;
    }

    private TableColumn<Job, Job> cancelColumn() {
        TableColumn<Job, Job> column = new TableColumn<>("");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button cancel = new Button(null, new FontIcon("fth-x"));

            {
                cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER, Styles.SMALL, "job-cancel");
                cancel.setTooltip(new Tooltip(CommandId.CANCEL_JOB.label()));
                cancel.setOnAction(e -> model.cancel(getItem()));
            }

            @Override
            protected void updateItem(Job job, boolean empty) {
                super.updateItem(job, empty);
                cancel.visibleProperty().unbind();
                if (empty || job == null) {
                    setGraphic(null);
                    return;
                }
                cancel.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !job.state().isFinished(), job.stateProperty()));
                setGraphic(cancel);
            }
        });
        column.setMinWidth(40);
        column.setMaxWidth(40);
        column.setSortable(false);
        return column;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Jobs";
    }

    @Override
    public String icon() {
        return "fth-list";
    }

    @Override
    public Node node() {
        return root;
    }
}
