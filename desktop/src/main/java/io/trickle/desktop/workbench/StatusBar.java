package io.trickle.desktop.workbench;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line at the bottom of the window: labelled segments on the left (the app adds connection,
 * engine role and last refresh), and on the right how many jobs run, which opens the Jobs view.
 */
public final class StatusBar {

    private final HBox left = new HBox();
    private final HBox right = new HBox();
    private final HBox root = new HBox();

    public StatusBar() {
        left.getStyleClass().add("status-segments");
        right.getStyleClass().add("status-segments");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        root.getChildren().addAll(left, spring, right);
        root.getStyleClass().add("status-bar");
        root.setId("status-bar");
    }

    public Node node() {
        return root;
    }

    /**
     * Adds a segment such as "Connection: prod · db:5432/app".
     *
     * @param id      node id, so tests and CSS can find it ({@code status-connection})
     * @param caption a short word before the value ("Engine")
     * @param text    the value, kept up to date by a view model
     */
    public Label addSegment(String id, String icon, String caption, ObservableStringValue text, String tooltip) {
        Label label = new Label(null, CommandControls.icon(icon));
        label.textProperty().bind(Bindings.concat(caption, ": ", text));
        label.setId(id);
        label.getStyleClass().add("status-segment");
        label.setTooltip(new Tooltip(tooltip));
        if (!left.getChildren().isEmpty()) {
            left.getChildren().add(new Separator(Orientation.VERTICAL));
        }
        left.getChildren().add(label);
        return label;
    }

    /** Shows the number of active jobs and a busy bar while any run; a click calls {@code showJobs}. */
    public void showJobs(JobsModel jobs, Runnable showJobs) {
        ProgressBar busy = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        busy.getStyleClass().addAll(Styles.SMALL, "status-busy");
        busy.visibleProperty().bind(jobs.activeCount().greaterThan(0));
        busy.managedProperty().bind(busy.visibleProperty());
        Button button = new Button(null, CommandControls.icon("fth-list"));
        button.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = jobs.activeCount().get();
            return n == 0 ? "No jobs running" : n == 1 ? "1 job running" : n + " jobs running";
        }, jobs.activeCount()));
        button.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, "status-jobs");
        button.setId("status-jobs");
        button.setFocusTraversable(false);
        button.setOnAction(e -> showJobs.run());
        right.getChildren().addAll(busy, button);
    }
}
