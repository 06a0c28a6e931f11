package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the bundled engine scheduling the demo, every view follows the engine's events: the history
 * shows every decision the scheduler takes — its checks that found nothing to do as one row per run,
 * a cycle's rounds numbered — and the status bar's last refresh is a row of it; a watermark advanced
 * by an ETL job in SQL turns the navigator and the watermark card aligned together, and the table the
 * group held back says it was refreshed, not its old skip.
 *
 * <p>Why this proves the events did it: while the engine's events are heard, the catalog is read on
 * the timer only after {@code CatalogEvents.QUIET_PERIOD} (a minute) without any, longer than these
 * waits.
 */
class LiveViewsFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Override
    TestDatabase database() {
        return db;
    }

    @Override
    boolean bundledEngine() {
        return true;
    }

    @Test
    void everyViewChangesWithTheEnginesEvents() {
        await("the engine's events to be heard", 30, () -> text("#status-updates").equals("Updates: live"));
        robot.clickOn("#perspective-monitoring");
        robot.clickOn("#tab-history");
        await("a run of checks that found nothing to do", 90, () -> history().stream()
                .anyMatch(e -> e.isQuietRun() && e.quietChecks() >= 2));
        assertTrue(history().stream().anyMatch(e -> e.fixpointIteration() != null && e.fixpointIteration() >= 2),
                "the referral cycle's rounds are numbered");
        String last = text("#status-last-refresh");
        String table = last.substring(last.indexOf('·') + 1).trim();
        assertTrue(history().stream().anyMatch(e -> e.name().equals(table)), last + " has its row in the history");
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#history-view").query(), "history-quiet-checks.png");

        robot.clickOn("#tab-watermarks");
        await("the misaligned card", 30, () -> summary().startsWith("misaligned"));
        db.execute("SELECT pgtrickle.request_refresh('etl.settled_orders')");
        await("the table held back", 60, () -> gated().contains("watermark_misaligned"));
        db.execute("SELECT pgtrickle.advance_watermark('etl.shipments_feed', timestamptz '2026-01-01 12:00:00Z')");
        await("the navigator and the card aligned", 30, () -> summary().startsWith("aligned")
                && sample.navigatorDetail(new CatalogItem.WatermarkGroup("etl_feeds")).equals("aligned"));
        db.execute("SELECT pgtrickle.request_refresh('etl.settled_orders')");
        await("the held-back table refreshed since", 60, () -> gated().contains("last skipped"));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#watermarks-view").query(), "watermarks-refreshed-since.png");
    }

    private String gated() {
        return robot.lookup("#wm-gated-etl_settled_orders").tryQuery().map(l -> ((Label) l).getText()).orElse("");
    }

    private String summary() {
        return robot.lookup("#wm-summary-etl_feeds").tryQuery().map(l -> ((Label) l).getText()).orElse("");
    }

    private String text(String query) {
        return robot.lookup(query).<Label>query().getText();
    }

    private List<HistoryEntry> history() {
        return List.copyOf(robot.lookup("#history-table").<TableView<HistoryEntry>>query().getItems());
    }
}
