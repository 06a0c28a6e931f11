package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.console.ConsoleView;
import io.trickle.desktop.views.dag.DependenciesView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;

/**
 * The README's pictures, from the demo exactly as a user gets it: {@code --demo} with the workbench's
 * own embedded PostgreSQL (under a fresh home, port 54329 when free), the default window of
 * 1280×800, the bundled engine scheduling. Every main view is drawn, and nothing in it is cut off
 * without a tooltip that shows it whole.
 *
 * <p>The pictures go to {@code desktop/target/screenshots/readme-*.png}; with
 * {@code -Dtrickle.readme.screenshots=true} they also replace the README's in {@code docs/screenshots/}.
 */
class ReadmeScreenshotsFxTest extends AbstractWorkbenchFxTest {

    /** Where the README's pictures live, from the desktop module. */
    static final Path DOCS = Path.of("..", "docs", "screenshots");

    @Override
    CompositionRoot load(Path home) {
        return CompositionRoot.load(home, new EmbeddedDemo(home)).withDemo().withWindowSize(1280, 800);
    }

    @Test
    void theReadmesPicturesComeFromTheDemoAsAUserGetsIt() throws IOException {
        await("the demo, installed and read", 240, () -> root.catalog().stateProperty().get() == CatalogModel.State.READY
                && root.catalog().snapshot().tables().size() == SampleWorkbench.SAMPLE.size()
                && root.catalog().snapshot().graph().nodes().stream().filter(n -> n.sccId() != null).count() == 2
                && root.jobs().activeCount().get() == 0);
        await("the bundled engine to lead", 60, () -> robot.lookup("#status-engine").<Label>query().getText()
                .equals("Engine: leader"));
        DependenciesView dag = (DependenciesView) root.views().byId(DependenciesView.ID).orElseThrow();
        await("the graph laid out", 60, () -> dag.dag().getLayoutResult() != null && !dag.dag().isLayoutPending()
                && dag.dag().getGraph().vertexSet().size() == root.catalog().snapshot().graph().nodes().size());
        Scene scene = robot.lookup("#workbench").query().getScene();
        String database = robot.lookup("#status-connection").<Label>query().getText();
        assertEquals(true, database.contains("/trickle"), "the demo's own database: " + database);
        picture(scene, "demo.png");

        robot.clickOn("#tab-watermarks");
        await("the misaligned group", 30, () -> robot.lookup("#wm-summary-etl_feeds").tryQuery().isPresent());
        // The ETL join is due a minute after it was created; then the group holds it back, as the picture shows.
        await("the held-back join", 120, () -> robot.lookup("#wm-gated-etl_settled_orders").tryQuery()
                .map(l -> ((Label) l).getText().contains("watermark_misaligned")).orElse(false));
        picture(scene, "watermarks.png");

        SampleWorkbench sample = new SampleWorkbench(robot, root);
        sample.clickInNavigator("shop.customer_revenue");
        robot.type(KeyCode.F3);
        await("the rows", 30, () -> robot.lookup("#data-summary").<Label>query().getText().contains("rows ·"));
        picture(scene, "data.png");

        robot.clickOn("#tab-console");
        CodeArea editor = robot.lookup("#console-editor").query();
        robot.interact(() -> editor.replaceText("SELECT region, orders, revenue\n  FROM reporting.region_revenue\n"
                + " ORDER BY revenue DESC"));
        robot.clickOn(editor).press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        ConsoleView console = (ConsoleView) root.views().byId(ConsoleView.ID).orElseThrow();
        await("the result", 30, () -> console.result().getItems().size() == 4);
        picture(scene, "console.png");
    }

    /** Writes the picture, after checking that nothing in the window is cut off without a tooltip. */
    private void picture(Scene scene, String name) throws IOException {
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        List<String> cut = org.testfx.util.WaitForAsyncUtils.waitFor(org.testfx.util.WaitForAsyncUtils.asyncFx(
                () -> CutOffText.withoutTooltip((Parent) scene.getRoot())));
        assertEquals(List.of(), cut, "text cut off without a tooltip in " + name);
        Path written = Screenshots.of(scene, "readme-" + name);
        if (Boolean.getBoolean("trickle.readme.screenshots")) {
            Files.createDirectories(DOCS);
            Files.copy(written, DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
