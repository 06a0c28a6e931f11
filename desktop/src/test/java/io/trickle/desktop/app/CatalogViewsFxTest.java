package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.theme.WorkbenchTheme;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.dag.DependenciesView;
import io.trickle.desktop.workbench.JobsModel;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog views against a real database: the demo profile connects, the sample stream tables
 * appear in the navigator and the graph, selection is shared between them and the properties, one
 * click refreshes from the toolbar or the graph's context menu and the history grows, several tables
 * refresh in dependency order, a failure is highlighted with its error, and a refresh waiting for a
 * lock can be cancelled from the Jobs view.
 */
class CatalogViewsFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Override
    TestDatabase database() {
        return db;
    }

    @Test
    void navigatorGraphAndPropertiesShowTheSampleAndShareTheSelection() {
        SampleWorkbench.withEngine(db, t -> t.alter("reporting.customer_rank", null, null, null, "SUSPENDED"));
        robot.clickOn("#button-reload-catalog");
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(workbench().getScene(), "administration.png");

        sample.clickInNavigator("shop.customer_revenue");
        await("the properties of customer_revenue", 10, () -> heading().equals("shop.customer_revenue")
                && propertyKeys().contains("revenue"));
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(workbench().getScene(), "navigator-properties.png");

        robot.clickOn("#perspective-monitoring");
        DependenciesView dag = dagView();
        await("the graph laid out", 30, () -> dag.dag().getLayoutResult() != null && !dag.dag().isLayoutPending());
        assertTrue(dag.dag().getSelectionModel().isSelected(CatalogItem.Relation.streamTable("shop.customer_revenue")),
                "the navigator's selection is selected in the graph");
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(workbench().getScene(), "monitoring.png");

        robot.clickOn(sample.dagNode("reporting.customer_rank"));
        await("the navigator and properties to follow the graph", 10, () -> navigatorSelection() == 1
                && heading().equals("reporting.customer_rank") && propertyValues().contains("suspended · SUSPENDED"));
        Screenshots.of(robot.lookup("#dependencies-view").query(), "dag.png");

        robot.clickOn("#button-toggle-theme");
        await("the dark theme", 5, () -> root.theme().themeProperty().get() == WorkbenchTheme.DARK);
        Screenshots.of(robot.lookup("#dependencies-view").query(), "dark-dag.png");
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(workbench().getScene(), "dark-monitoring.png");
        robot.clickOn("#button-toggle-theme");
    }

    @Test
    void oneClickRefreshFromTheToolbarAndTheGraphGrowsTheHistoryAndFailuresShowTheirError() throws Exception {
        arrangeNewOrderAndAFailingTable();
        sample.reloadUntil("shop.item_check", true);
        await("the history", 20, () -> sample.historyRows() > 0);
        int before = sample.historyRows();

        sample.clickInNavigator("shop.order_totals");
        robot.clickOn("#button-refresh-now");
        await("a new history row", 30, () -> sample.historyRows() == before + 1);
        await("the refresh notice", 10, () -> notices().contains("Refreshed shop.order_totals"));
        assertEquals("DIFFERENTIAL", history().get(0).action(), "the new order is applied as a delta");

        robot.clickOn("#perspective-monitoring");
        DependenciesView dag = dagView();
        await("the graph laid out", 30, () -> dag.dag().getLayoutResult() != null && !dag.dag().isLayoutPending());
        WorkbenchFixture.requestContextMenu(sample.dagNode("shop.item_check"));
        robot.clickOn("#menu-refresh-now");
        await("the failed refresh in the history", 30, () -> sample.historyRows() == before + 2);
        await("the failure notice", 10, () -> notices().contains("division by zero"));
        HistoryEntry failed = history().get(0);
        assertEquals("FAILED", failed.status());
        assertTrue(failed.errorMessage().contains("division by zero"), failed.errorMessage());
        await("the failing table drawn as an error", 20, () -> "error".equals(
                root.catalog().statusStyle("shop.item_check").getValue()));
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(robot.lookup("#dependencies-view").query(), "dag-failure.png");

        WorkbenchFixture.requestContextMenu(sample.dagNode("reporting.category_sales"));
        robot.clickOn("#menu-refresh-now");
        await("a third history row", 30, () -> sample.historyRows() == before + 3);
        robot.interact(() -> robot.lookup("#history-table").<TableView<HistoryEntry>>query().getSelectionModel().select(1));
        await("the failed refresh's error under the table", 5, () -> robot.lookup("#history-detail").<Label>query()
                .getText().contains("division by zero"));
        WorkbenchFixture.dismissNotifications(workbench());
        Screenshots.of(robot.lookup("#history-view").query(), "history.png");

        robot.interact(() -> robot.lookup("#history-filter-status").<ComboBox<String>>query().setValue("FAILED"));
        await("only failures", 5, () -> history().stream().allMatch(e -> e.status().equals("FAILED")));
        Screenshots.of(robot.lookup("#history-view").query(), "history-failures.png");
    }

    @Test
    void severalSelectedTablesRefreshInDependencyOrder() {
        await("the history", 20, () -> sample.historyRows() > 0);
        int before = sample.historyRows();
        sample.clickInNavigator("reporting.region_revenue");
        sample.ctrlClickInNavigator("shop.customer_revenue");
        sample.ctrlClickInNavigator("shop.order_totals");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await("three refreshes", 60, () -> sample.historyRows() == before + 3);
        assertEquals(List.of("reporting.region_revenue", "shop.customer_revenue", "shop.order_totals"),
                history().subList(0, 3).stream().map(HistoryEntry::name).toList(),
                "newest first: upstream tables were refreshed before their readers");
    }

    @Test
    void aRefreshWaitingForALockIsCancelledFromTheJobsView() throws Exception {
        try (Connection blocker = db.connect(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("SELECT 1 FROM pgtrickle.pgt_stream_tables WHERE pgt_schema = 'shop' AND pgt_name = 'open_orders'"
                    + " FOR UPDATE");
            sample.clickInNavigator("shop.open_orders");
            robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
            await("the refresh job waiting", 20, () -> refreshJob() != null
                    && refreshJob().state() == JobsModel.State.RUNNING);
            Screenshots.of(robot.lookup("#jobs-view").query(), "jobs-refresh-waiting.png");

            robot.clickOn(robot.lookup(".job-cancel").match(Node::isVisible).<Node>query());
            await("the job cancelled", 10, () -> refreshJob().state() == JobsModel.State.CANCELLED);
            await("the cancel notice", 10, () -> notices().contains("Refresh cancelled"));
            assertTrue(!root.catalog().refreshing().contains("shop.open_orders"), "no longer drawn as refreshing");
            blocker.rollback();
        }
    }

    private void arrangeNewOrderAndAFailingTable() {
        db.execute("INSERT INTO shop.orders VALUES (100001, 1, now(), 'open') ON CONFLICT DO NOTHING",
                "INSERT INTO shop.order_items VALUES (100001, 1, 1, 4, 9.99) ON CONFLICT DO NOTHING");
        if (db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'item_check'") == 0) {
            SampleWorkbench.withEngine(db, t -> t.create("shop.item_check", "SELECT order_id, line, 10 / (quantity - 4)"
                    + " AS ratio FROM shop.order_items WHERE order_id > 100001", "1m", "AUTO", true));
            db.execute("INSERT INTO shop.orders VALUES (100002, 1, now(), 'open')",
                    "INSERT INTO shop.order_items VALUES (100002, 1, 1, 4, 9.99)");
        }
    }

    private JobsModel.Job refreshJob() {
        return root.jobs().jobs().stream().filter(j -> j.title().equals("Refresh shop.open_orders")).findFirst()
                .orElse(null);
    }

    private Node workbench() {
        return robot.lookup("#workbench").query();
    }

    private DependenciesView dagView() {
        return (DependenciesView) root.views().byId(DependenciesView.ID).orElseThrow();
    }

    private List<HistoryEntry> history() {
        return List.copyOf(robot.lookup("#history-table").<TableView<HistoryEntry>>query().getItems());
    }

    private int navigatorSelection() {
        return robot.lookup("#navigator-tree").<TreeView<?>>query().getSelectionModel().getSelectedItems().size();
    }

    private String heading() {
        return robot.lookup("#properties-heading").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private List<String> propertyKeys() {
        return robot.lookup("#properties-content").<Pane>query().lookupAll(".properties-key").stream()
                .map(n -> ((Label) n).getText()).toList();
    }

    private List<String> propertyValues() {
        return robot.lookup("#properties-content").<Pane>query().lookupAll(".properties-value").stream()
                .map(n -> ((Label) n).getText()).toList();
    }

    private String notices() {
        return robot.lookup("#notifications").<Pane>query().getChildrenUnmodifiable().stream()
                .map(n -> ((atlantafx.base.controls.Notification) n).getMessage()).reduce("", (a, b) -> a + "\n" + b);
    }
}
