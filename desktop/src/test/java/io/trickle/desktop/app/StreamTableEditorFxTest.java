package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.Styles;
import io.trickle.engine.testing.TestDatabase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream table editor against a real database: the input is checked while typed, Validate shows
 * the mode, the operator tree and the delta SQL without creating anything, Create shows the command
 * line and asks, and Drop asks with the command and a warning before the table goes.
 */
class StreamTableEditorFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String QUERY = "SELECT c.region, count(*) AS orders, sum(t.total) AS revenue\n"
            + "  FROM shop.order_totals t\n  JOIN shop.customers c ON c.id = t.customer_id\n"
            + " WHERE t.total > 100 -- the big ones\n GROUP BY c.region";

    @Override
    TestDatabase database() {
        return db;
    }

    @Test
    void createsAStreamTableAfterValidatingItThenDropsItWithConfirmation() {
        robot.clickOn("#button-new-stream-table");
        await("the editor", 10, () -> robot.lookup("#editor-name").tryQuery().isPresent());
        assertEquals("Name the stream table: [schema.]name.", problem());
        assertTrue(button("#editor-save").isDisabled(), "nothing to save without a name and a query");

        fill("#editor-name", "shop.big_orders_by_region");
        robot.interact(() -> robot.lookup("#editor-query").<CodeArea>query().replaceText(QUERY));
        fill("#editor-schedule", "every minute");
        await("the schedule refused before anything is sent", 5, () -> problem().startsWith("Invalid schedule"));
        fill("#editor-schedule", "2m");
        await("the input accepted", 5, () -> problem().isEmpty());

        robot.clickOn("#editor-validate");
        await("the verdict", 30, () -> verdict().startsWith("DIFFERENTIAL"));
        robot.interact(() -> robot.lookup("#editor-results").<TabPane>query().getSelectionModel().select(1));
        await("the operator tree", 5, () -> robot.lookup("#editor-operator-tree").<CodeArea>query().getText()
                .contains("Aggregate"));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "editor-validate.png");
        assertEquals(0L, db.count("SELECT count(*) FROM pg_class WHERE relname = 'big_orders_by_region'"),
                "validating creates nothing");

        robot.clickOn("#editor-save");
        await("the create question", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        String command = robot.lookup("#dialog-command").<TextArea>query().getText();
        assertTrue(command.startsWith("java -jar engine/target/trickle.jar create shop.big_orders_by_region --query 'SELECT"),
                command);
        assertTrue(command.endsWith("--schedule 2m"), command);
        Screenshots.of(robot.lookup("#dialog-command").query().getScene(), "create-confirm.png");
        robot.clickOn("#dialog-confirm");
        await("the new stream table", 30, () -> sample.navigatorLine("shop.big_orders_by_region").isPresent());
        assertEquals(1L, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'big_orders_by_region'"));
        await("the editor to edit the table it created", 10, () -> button("#editor-save").getText().equals("Save")
                && robot.lookup("#editor-drop").query().isVisible());

        sample.clickInNavigator("shop.big_orders_by_region");
        WorkbenchFixture.requestContextMenu(sample.navigatorCell("shop.big_orders_by_region"));
        robot.clickOn("#menu-drop-stream-table");
        await("the drop question", 10, () -> robot.lookup("#dialog-command").tryQuery().isPresent());
        assertEquals("java -jar engine/target/trickle.jar drop shop.big_orders_by_region",
                robot.lookup("#dialog-command").<TextArea>query().getText());
        assertTrue(robot.lookup("#dialog-confirm").query().getStyleClass().contains(Styles.DANGER));
        Screenshots.of(robot.lookup("#dialog-command").query().getScene(), "drop-confirm.png");
        robot.clickOn("#dialog-confirm");
        await("the table gone", 30, () -> sample.navigatorLine("shop.big_orders_by_region").isEmpty());
        assertEquals(0L, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'big_orders_by_region'"));
        await("its editor closed", 10, () -> robot.lookup("#editor-name").tryQuery().isEmpty());
    }

    @Test
    void validationSaysWhyAQueryCannotBeDifferentialAndAQueryChangeAsksFirst() {
        sample.clickInNavigator("reporting.customer_rank");
        robot.type(javafx.scene.input.KeyCode.F4);
        await("the editor of customer_rank", 20, () -> robot.lookup("#editor-query").tryQuery()
                .map(n -> ((CodeArea) n).getText().contains("rank()")).orElse(false));
        await("its current plan", 20, () -> verdict().startsWith("FULL"));

        robot.interact(() -> robot.lookup("#editor-mode").<ComboBox<String>>query().setValue("DIFFERENTIAL"));
        robot.clickOn("#editor-validate");
        await("the refusal", 30, () -> verdict().startsWith("Refused"));
        Screenshots.of(robot.lookup("#stream-table-editor").query(), "editor-refused.png");

        robot.interact(() -> robot.lookup("#editor-mode").<ComboBox<String>>query().setValue("AUTO"));
        robot.interact(() -> robot.lookup("#editor-query").<CodeArea>query().replaceText(
                "SELECT id, name, revenue FROM shop.customer_revenue WHERE revenue > 1000"));
        robot.clickOn("#editor-save");
        await("the question", 10, () -> robot.lookup("#dialog-confirm").tryQuery().isPresent());
        assertTrue(robot.lookup("#dialog-confirm").query().getStyleClass().contains(Styles.DANGER),
                "a new query rebuilds the contents, so the question is marked destructive");
        assertTrue(robot.lookup("#dialog-command").<TextArea>query().getText().startsWith(
                "java -jar engine/target/trickle.jar alter reporting.customer_rank --query"));
        robot.clickOn("Cancel");
        assertTrue(db.strings("SELECT defining_query FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'customer_rank'")
                .get(0).contains("rank()"), "nothing changed when the DBA said no");
    }

    @Test
    void ctrlZInTheSqlEditorUndoesTypingNotTheLayoutAndCtrlEnterValidates() {
        robot.interact(() -> root.workbench().move("jobs", "right"));
        // The stack is created by the move: poll with tryQuery, query() would throw before it exists.
        await("jobs moved to the right", 5, () -> robot.lookup("#stack-right").<TabPane>tryQuery()
                .map(stack -> stack.getTabs().stream().anyMatch(t -> "jobs".equals(t.getUserData()))).orElse(false));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);
        await("the editor", 10, () -> robot.lookup("#editor-query").tryQuery().isPresent());
        robot.clickOn("#editor-query").write("SELECT 1");
        await("the typed query", 5, () -> robot.lookup("#editor-query").<CodeArea>query().getText().equals("SELECT 1"));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await("the typing undone", 5, () -> !robot.lookup("#editor-query").<CodeArea>query().getText().equals("SELECT 1"));
        assertTrue(robot.lookup("#stack-right").<TabPane>query().getTabs().stream()
                .anyMatch(t -> "jobs".equals(t.getUserData())), "the layout move was not undone");

        robot.interact(() -> robot.lookup("#editor-query").<CodeArea>query().replaceText("SELECT id FROM shop.orders"));
        robot.clickOn("#editor-query");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await("the verdict", 30, () -> verdict().startsWith("DIFFERENTIAL"));
        assertEquals("SELECT id FROM shop.orders", robot.lookup("#editor-query").<CodeArea>query().getText(),
                "Ctrl+Enter validates without adding a line");
    }

    private void fill(String field, String text) {
        TextInputControl input = robot.lookup(field).query();
        robot.interact(() -> input.setText(text));
    }

    private Button button(String id) {
        return robot.lookup(id).query();
    }

    private String problem() {
        Label label = robot.lookup("#editor-problem").query();
        return label.isVisible() ? label.getText() : "";
    }

    private String verdict() {
        return robot.lookup("#editor-verdict").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    @SuppressWarnings("unused")
    private static boolean visible(Node node) {
        return node.isVisible();
    }
}
