package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.FakeEngineService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The watermark view against the fake engine (the real one reports watermarks once issue 5 lands):
 * a misaligned group is shown as such with its lagging source named, and advancing that source by
 * hand, confirmed in the dialog, aligns it.
 */
class WatermarksFxTest extends AbstractWorkbenchFxTest {

    private final FakeEngineService engine = new FakeEngineService("right").withCatalog(FakeEngineService.LATEST);

    @Override
    CompositionRoot load(Path home) {
        Instant noon = Instant.parse("2026-03-01T12:00:00Z");
        engine.catalog()
                .table("etl.settled_orders", "1m", "etl.payments_feed", "etl.shipments_feed")
                .table("reporting.daily_settled", "5m", "etl.settled_orders")
                .watermarkGroup("etl_feeds", Duration.ofMinutes(15), "etl.payments_feed", "etl.shipments_feed")
                .watermark("etl.payments_feed", noon)
                .watermark("etl.shipments_feed", noon.minus(Duration.ofHours(1)))
                .watermarkGroup("micro_batches", Duration.ofMinutes(5), "etl.clicks", "etl.sessions")
                .watermark("etl.clicks", noon.plusSeconds(30))
                .watermark("etl.sessions", noon.minusSeconds(90))
                .skipped("etl.settled_orders", "watermark_misaligned: group etl_feeds waits for etl.shipments_feed "
                        + "(1 h behind, tolerance 15 min)");
        return CompositionRoot.load(home, WorkbenchFixture.NO_DEMO).withEngineService(engine).withWindowSize(1600, 1000);
    }

    @Test
    void aMisalignedGroupNamesItsLaggingSourceAndAdvancingItAlignsTheGroup() {
        robot.clickOn("#button-connect");
        await("the connection", 20, () -> root.session().sessionProperty().get() != null);
        robot.clickOn("#perspective-monitoring");
        robot.clickOn("#tab-watermarks");
        await("the group cards", 20, () -> robot.lookup("#wm-card-etl_feeds").tryQuery().isPresent());
        String summary = robot.lookup("#wm-summary-etl_feeds").<Label>query().getText();
        assertTrue(summary.equals("misaligned · etl.shipments_feed is 1 h behind (tolerance 15 min)"), summary);
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "watermarks-monitoring.png");
        Screenshots.of(robot.lookup("#watermarks-view").query(), "watermarks.png");

        robot.clickOn("#wm-card-etl_feeds");
        robot.clickOn(".button-advance-watermark");
        await("the advance form", 10, () -> robot.lookup("#form-watermark").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#form-watermark").query().getScene(), "watermarks-advance-form.png");
        robot.clickOn("#dialog-confirm");
        await("the confirmation", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#dialog-command").query().getScene(), "watermarks-advance-confirm.png");
        robot.clickOn("#dialog-confirm");
        await("the group to align", 20, () -> robot.lookup("#wm-summary-etl_feeds").<Label>query().getText()
                .startsWith("aligned"));
        assertTrue(engine.catalog().watermarkEdits().contains("advance etl.shipments_feed 2026-03-01T12:00:00Z"),
                engine.catalog().watermarkEdits().toString());
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#watermarks-view").query(), "watermarks-aligned.png");
    }
}
