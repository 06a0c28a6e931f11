package io.trickle.desktop.app;

import io.trickle.desktop.services.DemoDatabase;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Opens a real workbench window on a workspace in a temporary home, and waits without sleeping. */
final class WorkbenchFixture {

    /** The FX tests never start the embedded demo server; a connect to it fails loudly instead. */
    static final DemoDatabase NO_DEMO = () -> {
        throw new IllegalStateException("the embedded demo is not started in tests");
    };

    private WorkbenchFixture() {
    }

    /** Shows the workbench on the primary stage. */
    static CompositionRoot open(CompositionRoot root) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            stage.hide();
            root.show(stage);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return root;
    }

    /** Closes the window's work and waits for the shutdown thread, so tests do not overlap. */
    static void close(CompositionRoot root) throws Exception {
        Thread shutdown = WaitForAsyncUtils.asyncFx(root::close).get();
        shutdown.join(TimeUnit.SECONDS.toMillis(30));
        FxToolkit.cleanupStages();
    }

    /**
     * Asks for the node's context menu as the platform does on a right click. Monocle's headless robot
     * presses the secondary button but never sends the context-menu request that follows it on a
     * desktop, so the tests send it themselves.
     */
    static void requestContextMenu(Node node) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            Bounds b = node.localToScreen(node.getBoundsInLocal());
            double x = b.getMinX() + b.getWidth() / 2;
            double y = b.getMinY() + b.getHeight() / 2;
            Point2D local = node.screenToLocal(x, y);
            Event.fireEvent(node, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(),
                    local.getY(), x, y, false, new PickResult(node, x, y)));
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Takes the notifications away, so that a screenshot shows what is under them. */
    static void dismissNotifications(Node any) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            Node column = any.getScene().lookup("#notifications");
            if (column instanceof javafx.scene.layout.Pane pane) {
                pane.getChildren().clear();
            }
        }));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Clicks the node {@code query} finds once it is shown in the window. A view may draw a node anew
     * while the robot aims at it (the catalog was read again); then the robot aims again, at the new
     * node, until it lands — waiting for a condition, never for time.
     */
    static void clickWhenShown(org.testfx.api.FxRobot robot, String query, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            java.util.Optional<Node> node = robot.lookup(query).tryQuery();
            boolean shown = node.isPresent() && WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(
                    () -> node.get().getScene() != null && node.get().isVisible()));
            if (shown) {
                try {
                    robot.clickOn(node.get());
                    return;
                } catch (RuntimeException detachedMeanwhile) {
                    last = detachedMeanwhile;
                }
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
        throw new AssertionError("no shown node for " + query + " within " + seconds + " s", last);
    }

    /**
     * Polls {@code condition} on the FX thread until it holds, failing after {@code seconds} — with a
     * screenshot of the window as it was then ({@code failed-<what>.png}), to see what it showed.
     */
    static void await(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            try {
                javafx.stage.Window window = javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
                        .findFirst().orElse(null);
                if (window != null && window.getScene() != null) {
                    Screenshots.of(window.getScene(), "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
                }
            } catch (RuntimeException noScreenshot) {
                e.addSuppressed(noScreenshot);
            }
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
