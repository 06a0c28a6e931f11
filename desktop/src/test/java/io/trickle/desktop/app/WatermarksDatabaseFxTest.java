package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.engine.testing.TestDatabase;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Watermarks view against a real database holding the demo, whose ETL feeds' group starts
 * misaligned: the lagging source is named, a watermark older than the current one is refused in the
 * form before anything is sent, and changing the group's tolerance and advancing the lagging source
 * go through the engine into the catalog and come back as an aligned group.
 */
class WatermarksDatabaseFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Override
    TestDatabase database() {
        return db;
    }

    @Test
    void theDemosGroupIsEditedAndAdvancedThroughTheDatabase() {
        robot.clickOn("#perspective-monitoring");
        robot.clickOn("#tab-watermarks");
        await("the demo's group", 30, () -> robot.lookup("#wm-summary-etl_feeds").tryQuery().isPresent());
        String summary = robot.lookup("#wm-summary-etl_feeds").<Label>query().getText();
        assertTrue(summary.startsWith("misaligned") && summary.contains("etl.shipments_feed"), summary);

        WorkbenchFixture.clickWhenShown(robot, "#wm-card-etl_feeds", 20);
        robot.clickOn(".button-edit-watermark-group");
        await("the group form", 10, () -> robot.lookup("#form-tolerance").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#form-tolerance").<TextField>query().setText("30m"));
        robot.clickOn("#dialog-confirm");
        await("the confirmation", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        robot.clickOn("#dialog-confirm");
        await("the new tolerance in the catalog", 30, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_watermark_groups"
                + " WHERE group_name = 'etl_feeds' AND tolerance = interval '30 minutes'") == 1);
        await("the view read again", 30, () -> robot.lookup("#wm-summary-etl_feeds").<Label>query().getText()
                .contains("tolerance 30 min"));

        WorkbenchFixture.clickWhenShown(robot, "#wm-card-etl_feeds", 20);
        robot.clickOn(".button-advance-watermark");
        await("the advance form", 10, () -> robot.lookup("#form-watermark").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#form-source").<TextField>query().setText("etl.shipments_feed");
            robot.lookup("#form-watermark").<TextField>query().setText("2026-01-01T10:00:00Z");
        });
        robot.clickOn("#dialog-confirm");
        await("the monotonic rule", 10, () -> robot.lookup("#form-problem").<Label>query().getText()
                .contains("Watermarks only move forward"));
        robot.interact(() -> robot.lookup("#form-watermark").<TextField>query().setText("2026-01-01T12:00:00Z"));
        robot.clickOn("#dialog-confirm");
        await("the confirmation", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        robot.clickOn("#dialog-confirm");
        await("the group to align", 30, () -> robot.lookup("#wm-summary-etl_feeds").<Label>query().getText()
                .startsWith("aligned"));
        // The card and the navigator draw from the same read: once one says aligned, so does the other.
        assertEquals("aligned", sample.navigatorDetail(new CatalogItem.WatermarkGroup("etl_feeds")));
        assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks WHERE source = 'etl.shipments_feed'::regclass"
                + " AND watermark = timestamptz '2026-01-01 12:00:00Z'"));
    }
}
