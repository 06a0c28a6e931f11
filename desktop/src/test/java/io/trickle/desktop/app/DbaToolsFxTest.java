package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.console.ConsoleView;
import io.trickle.desktop.views.dag.DependenciesView;
import io.trickle.desktop.views.dag.DependenciesViewModel;
import io.trickle.desktop.views.data.DataView;
import io.trickle.desktop.workbench.KeyboardShortcuts;
import io.trickle.engine.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a DBA does beside stream tables, on a real database holding the demo: the data view (first rows,
 * ordered by the database on a click, count and size), the SQL console (read-only until switched,
 * completion), the RCP conventions (F4 to the navigator, double-click to maximise, a cycle selected
 * in the graph, the filter and the focus narrowing the graph, F1 listing every command), a refusal
 * marked in the query, and File ▸ Reset Demo.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DbaToolsFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Override
    TestDatabase database() {
        return db;
    }

    @Test
    @Order(1)
    void theDataViewShowsTheFirstRowsOrderedByTheDatabase() {
        sample.clickInNavigator("shop.order_totals");
        robot.type(KeyCode.F3);
        await("the first rows", 30, () -> data().getItems().size() == 100
                && summary().startsWith("shop.order_totals · 2,000 rows"));
        robot.clickOn("#data-table-col-total");
        String min = (String) db.scalar("SELECT min(total)::text FROM shop.order_totals");
        await("the rows with the smallest totals", 30, () -> summary().endsWith("by total ascending")
                && data().getItems().get(0).get(3).equals(min));
        robot.clickOn("#data-table-col-total");
        String max = (String) db.scalar("SELECT max(total)::text FROM shop.order_totals");
        await("the rows with the largest totals", 30, () -> summary().endsWith("by total descending")
                && data().getItems().get(0).get(3).equals(max));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#data-view").query(), "data.png");
    }

    @Test
    @Order(2)
    void theConsoleReadsUntilSwitchedToWriteAndCompletesNames() {
        robot.clickOn("#menu-database").clickOn("#menu-open-console");
        ConsoleView console = (ConsoleView) root.views().byId(ConsoleView.ID).orElseThrow();
        CodeArea editor = robot.lookup("#console-editor").query();
        robot.interact(() -> editor.replaceText("DELETE FROM shop.orders"));
        robot.clickOn(editor).press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("the refusal", 20, () -> messages().stream().anyMatch(m -> m.contains("read-only")));
        assertEquals(2000, db.count("SELECT count(*) FROM shop.orders"), "nothing was deleted");

        robot.interact(() -> {
            editor.replaceText("SELECT * FROM shop.ord");
            editor.moveTo(editor.getLength());
        });
        await("the relations' names", 20, () -> !root.catalog().outlinesProperty().get().isEmpty());
        robot.clickOn(editor).press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        await("the proposals", 10, () -> console.editor().shownProposals().containsAll(
                List.of("order_items", "order_totals", "orders")));
        robot.interact(() -> console.editor().acceptFirstProposal());
        assertEquals("SELECT * FROM shop.order_items", editor.getText());
        robot.clickOn(editor).press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("the rows", 20, () -> console.result().getItems().size() > 0);
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#console-view").query(), "console.png");

        robot.clickOn("#console-writes");
        await("the question", 10, () -> robot.lookup("#dialog-confirm").tryQuery().isPresent());
        robot.clickOn("#dialog-confirm");
        await("read-write", 10, () -> robot.lookup("#console-writes").<javafx.scene.control.Button>query().getText()
                .equals("Read-write"));
        robot.interact(() -> editor.replaceText("CREATE TABLE public.console_scratch (id int)"));
        robot.clickOn(editor).press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("the table created", 20, () -> db.count("SELECT count(*) FROM pg_class WHERE relname = 'console_scratch'") == 1);
    }

    @Test
    @Order(3)
    void rcpConventionsHold() {
        robot.clickOn("#perspective-monitoring");
        sample.clickInNavigator("reporting.customer_rank");
        robot.type(KeyCode.F4);
        await("the editor, with the navigator in front", 20, () -> root.perspectives().active().id()
                .equals(Perspectives.ADMINISTRATION) && isShown("#navigator-view") && !isShown("#connections-view"));

        robot.clickOn("#perspective-monitoring");
        Node header = robot.lookup(".part-tab-label").match((Label l) -> l.getText().equals("Dependencies")).query();
        robot.doubleClickOn(header);
        await("the graph maximised", 10, () -> root.workbench().maximisedStack().isPresent() && !isShown("#navigator-view"));
        robot.doubleClickOn(robot.lookup(".part-tab-label").match((Label l) -> l.getText().equals("Dependencies"))
                .<Node>query());
        await("restored", 10, () -> root.workbench().maximisedStack().isEmpty() && isShown("#navigator-view"));

        DependenciesView dag = (DependenciesView) root.views().byId(DependenciesView.ID).orElseThrow();
        robot.interact(() -> root.catalog().nameFilterProperty().set(""));
        sample.clickInNavigator("shop.customer_revenue");
        robot.interact(() -> robot.lookup("#dag-focus").<ComboBox<DependenciesViewModel.Focus>>query()
                .setValue(DependenciesViewModel.Focus.NEIGHBOURS));
        await("the neighbourhood of customer_revenue", 20, () -> vertices(dag).equals(Set.of("shop.customer_revenue",
                "shop.customers", "shop.order_totals", "reporting.region_revenue", "reporting.customer_rank")));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#dependencies-view").query(), "dag-focus.png");
        robot.interact(() -> robot.lookup("#dag-focus").<ComboBox<DependenciesViewModel.Focus>>query()
                .setValue(DependenciesViewModel.Focus.ALL));

        robot.interact(() -> robot.lookup("#navigator-filter").<TextField>query().setText("region"));
        await("the graph filtered too", 20, () -> vertices(dag).equals(Set.of("reporting.region_revenue",
                "shop.customer_revenue")));
        robot.interact(() -> robot.lookup("#navigator-filter").<TextField>query().setText(""));
        await("the whole graph", 20, () -> vertices(dag).size() > 10);
        robot.interact(() -> root.catalog().nameFilterProperty().set(""));
        robot.clickOn(sample.navigatorCellOf(new CatalogItem.Scc(1)));
        await("the cycle's members selected in the graph", 10, () -> dag.dag().getSelectionModel().getSelectedItems()
                .stream().map(CatalogItem.Relation::name).collect(Collectors.toSet())
                .equals(Set.of("shop.referral_reach", "shop.referral_steps")));

        robot.type(KeyCode.F1);
        await("the keyboard shortcuts", 10, () -> robot.lookup("#dialog-table").tryQuery().isPresent());
        assertEquals(KeyboardShortcuts.all().size(), robot.lookup("#dialog-table").<TableView<?>>query().getItems().size());
        Screenshots.of(robot.lookup("#dialog-table").query().getScene(), "keyboard-shortcuts.png");
        robot.type(KeyCode.ESCAPE);
        await("the dialog closed", 10, () -> robot.lookup("#dialog-table").tryQuery().isEmpty());
    }

    @Test
    @Order(4)
    void aRefusedQueryIsMarkedWhereTheMistakeIs() {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        await("a new editor", 10, () -> robot.lookup("#editor-query").tryQuery().isPresent());
        CodeArea query = robot.lookup("#editor-query").query();
        String text = "SELECT id,\n       nope\n  FROM shop.orders";
        robot.interact(() -> query.replaceText(text));
        robot.clickOn("#editor-validate");
        await("the refusal", 30, () -> robot.lookup("#editor-verdict").<Label>query().getText()
                .contains("at line 2, column 8"));
        int at = text.indexOf("nope");
        await("the marker", 10, () -> query.getStyleOfChar(at).contains("sql-error") && query.getCaretPosition() == at);
        assertFalse(query.getStyleOfChar(0).contains("sql-error"));
        Screenshots.of(robot.lookup("#stream-table-editor").query(), "editor-error-marker.png");
    }

    @Test
    @Order(5)
    void resetDemoPutsTheDemoBackAsFirstInstalled() {
        SampleWorkbench.withEngine(db, t -> {
            t.advanceWatermark("etl.shipments_feed", Instant.parse("2026-01-01T12:00:00Z"));
            return null;
        });
        robot.clickOn("#button-reload-catalog");
        await("the group aligned", 20, () -> sample.navigatorDetail(new CatalogItem.WatermarkGroup("etl_feeds"))
                .equals("aligned"));
        robot.clickOn("#menu-file").clickOn("#menu-reset-demo");
        await("the question", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        assertTrue(robot.lookup("#dialog-command").<javafx.scene.control.TextArea>query().getText().endsWith("demo --reset"));
        robot.clickOn("#dialog-confirm");
        // The reset's last step closes the referral cycle again: then it is over.
        await("the demo reset", 120, () -> db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables") == 9
                && db.count("SELECT count(*) FROM pgtrickle.pgt_scc_status()") == 1
                && root.jobs().activeCount().get() == 0);
        await("the demo as first installed", 30, () -> sample.navigatorDetail(new CatalogItem.WatermarkGroup("etl_feeds"))
                .equals("misaligned · lag 1 h"));
        assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks w JOIN pg_class c ON c.oid = w.source"
                + " WHERE c.relname = 'shipments_feed' AND w.watermark = timestamptz '2026-01-01 11:00Z'"));
    }

    private boolean isShown(String query) {
        return robot.lookup(query).tryQuery().map(n -> {
            if (n.getScene() == null) {
                return false;
            }
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private static Set<String> vertices(DependenciesView dag) {
        return dag.dag().getGraph() == null ? Set.of() : dag.dag().getGraph().vertexSet().stream()
                .map(CatalogItem.Relation::name).collect(Collectors.toSet());
    }

    private TableView<List<String>> data() {
        return ((DataView) root.views().byId(DataView.ID).orElseThrow()).table();
    }

    private String summary() {
        return robot.lookup("#data-summary").<Label>query().getText();
    }

    private List<String> messages() {
        return List.copyOf(robot.lookup("#console-messages").<javafx.scene.control.ListView<String>>query().getItems());
    }
}
