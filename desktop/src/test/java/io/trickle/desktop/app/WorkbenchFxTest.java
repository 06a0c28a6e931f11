package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.Workspace;
import io.trickle.desktop.theme.WorkbenchTheme;
import io.trickle.desktop.workbench.JobsModel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench window, headless: perspectives, jobs, themes and remembered arrangements. */
class WorkbenchFxTest extends AbstractWorkbenchFxTest {

    @Test
    void opensInAdministrationAndSwitchesPerspective() {
        assertEquals("administration", root.perspectives().active().id());
        assertTrue(stackHolds("left", "connections"));
        assertTrue(robot.lookup("#editor-area").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "workbench-administration.png");

        robot.clickOn("#perspective-monitoring");
        await("the monitoring perspective", 5, () -> robot.lookup("#dependencies-view").tryQuery().isPresent());
        assertEquals("monitoring", root.perspectives().active().id());
        assertTrue(robot.lookup("#editor-area").tryQuery().map(n -> n.getScene() == null).orElse(true),
                "monitoring has no editor area");
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "workbench-monitoring.png");

        robot.clickOn("#perspective-benchmarks");
        await("the benchmarks perspective", 5, () -> robot.lookup("#benchmarks-view").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "workbench-benchmarks.png");
    }

    @Test
    void cancelsARunningJobFromTheJobsView() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> root.tasks().execute(BackgroundTask.of("Refresh everything", context -> {
            try {
                thread.set(Thread.currentThread().getName());
                context.progress(0.4, "Waiting for a lock on orders");
                started.countDown();
                never.await();
                return null;
            } finally {
                stopped.countDown();
            }
        }))).get();
        started.await();
        assertTrue(thread.get().startsWith("trickle-ui-task-"), thread.get());
        await("the job to run", 5, () -> firstJob().state() == JobsModel.State.RUNNING);
        await("the job's progress to show", 5, () -> firstJob().progressProperty().get() > 0.3);
        Screenshots.of(robot.lookup("#jobs-view").query(), "jobs.png");

        robot.clickOn(robot.lookup(".job-cancel").<Node>query());
        await("the job to end as cancelled", 10, () -> firstJob().state() == JobsModel.State.CANCELLED);
        stopped.await();
        assertEquals("Cancelled", firstJob().messageProperty().get());
        Screenshots.of(robot.lookup("#jobs-view").query(), "jobs-cancelled.png");
    }

    @Test
    void switchesToTheDarkThemeAndRemembersIt() {
        robot.clickOn("#button-toggle-theme");
        await("the dark theme", 5, () -> root.theme().themeProperty().get() == WorkbenchTheme.DARK);
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "theme-dark.png");
        Workspace workspace = new Workspace(home.resolve("workspace.db"));
        await("the theme to be saved", 10, () -> workspace.get(CompositionRoot.THEME_KEY).orElse("").equals("DARK"));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the light theme again", 5, () -> root.theme().themeProperty().get() == WorkbenchTheme.LIGHT);
    }

    @Test
    void movedViewStaysMovedAfterRestartAndUndoTakesItBack() throws Exception {
        WorkbenchFixture.requestContextMenu(robot.lookup("#tab-jobs").query());
        robot.clickOn("#menu-move-view");
        robot.clickOn("#move-to-left");
        await("jobs in the left stack", 5, () -> stackHolds("left", "jobs"));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await("jobs back at the bottom", 5, () -> stackHolds("bottom", "jobs"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        await("jobs on the left again", 5, () -> stackHolds("left", "jobs"));

        Workspace workspace = new Workspace(home.resolve("workspace.db"));
        await("the layout to be saved", 10, () -> workspace.get(WorkspaceLayoutStore.key("administration", 2))
                .orElse("").contains("stack(left connections navigator *jobs)"));
        WorkbenchFixture.close(root);

        root = WorkbenchFixture.open(load(home));
        assertTrue(stackHolds("left", "jobs"), "the moved view is where it was left");
        assertTrue(!stackHolds("bottom", "jobs"));
    }

    @Test
    void closedViewComesBackThroughShowViewAndResetRestoresTheDefault() {
        robot.clickOn(robot.lookup("#tab-jobs .tab-close-button").<Node>query());
        await("jobs closed", 5, () -> !stackHolds("bottom", "jobs"));

        robot.clickOn("#menu-window").clickOn("#menu-show-view").clickOn("#menu-show-view-jobs");
        await("jobs shown again", 5, () -> stackHolds("bottom", "jobs"));

        robot.clickOn(robot.lookup("#tab-history .tab-close-button").<Node>query());
        robot.clickOn(robot.lookup("#tab-properties .tab-close-button").<Node>query());
        await("the right stack gone from view", 5, () -> robot.lookup("#stack-right").tryQuery().isEmpty());
        robot.clickOn("#menu-window").clickOn("#menu-reset-perspective");
        await("the default arrangement", 5, () -> stackHolds("right", "properties") && stackHolds("bottom", "history"));

        robot.press(KeyCode.CONTROL, KeyCode.F8).release(KeyCode.F8, KeyCode.CONTROL);
        await("the next perspective", 5, () -> root.perspectives().active().id().equals("monitoring"));
    }

    private JobsModel.Job firstJob() {
        return root.jobs().jobs().get(0);
    }

    private boolean stackHolds(String stackId, String viewId) {
        return robot.lookup("#stack-" + stackId).tryQuery()
                .map(n -> ((TabPane) n).getTabs().stream().anyMatch(t -> viewId.equals(t.getUserData())))
                .orElse(false);
    }
}
