package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.engine.testing.TestDatabase;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DBA adds a profile, tests it, connects with a password typed into the dialog, and installs the
 * catalog when the workbench offers to, against a real PostgreSQL.
 */
class ConnectionsViewFxTest extends AbstractWorkbenchFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ROLE = "workbench_dba";
    private static final String PASSWORD = "s3cret pass";

    @Test
    void addTestConnectAndInstallTheCatalog() {
        String url = db.createPlainRole(ROLE, PASSWORD, true);
        String withoutQuery = url.substring(0, url.indexOf('?'));
        assertFalse(robot.lookup("#connections-view .button-connect").<Button>query().isDisabled(),
                "the view's own buttons follow the commands registered after the view was built");

        addProfile("reporting", withoutQuery, "connection-dialog.png");

        robot.clickOn("#button-test-connection");
        typePassword();
        await("the test result", 30, () -> testResult().startsWith("Connected to"));
        assertTrue(testResult().contains("no Trickle catalog"), testResult());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "connections.png");

        robot.clickOn("#button-connect");
        typePassword();
        await("the offer to install the catalog", 30, () -> robot.lookup("#dialog-confirm").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#dialog-confirm").query().getScene(), "install-catalog-dialog.png");
        robot.clickOn("#dialog-confirm");

        await("the installed catalog", 60, () -> root.session().catalogProperty().get() != null
                && root.session().catalogProperty().get().state() == CatalogStatus.State.CURRENT);
        assertEquals(SessionViewModel.State.CONNECTED, root.session().stateProperty().get());
        assertEquals(1L, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgtrickle'"));
        String status = robot.lookup("#status-connection").<Label>query().getText();
        assertTrue(status.contains("reporting") && status.contains(db.name()), status);
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "workbench-connected.png");
    }

    @Test
    void aWrongPasswordIsReportedInWordsNotAsAStackTrace() {
        String url = db.createPlainRole(ROLE, PASSWORD, true);
        addProfile("reporting", url.substring(0, url.indexOf('?')), null);

        robot.clickOn("#button-connect");
        typePassword("not the password");
        await("the error dialog", 30, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        String message = robot.lookup("#error-dialog .dialog-message").<Label>query().getText();
        assertTrue(message.contains("uthentication failed for user \"" + ROLE + "\""), message);
        assertTrue(!message.contains("Exception") && !message.contains("\tat "), message);
        Screenshots.of(robot.lookup("#error-dialog").query().getScene(), "connection-error.png");
        robot.clickOn("Close");
        assertEquals(SessionViewModel.State.DISCONNECTED, root.session().stateProperty().get());
    }

    /** Fills the New Connection dialog; a screenshot of the filled form is taken when named. */
    private void addProfile(String name, String url, String screenshot) {
        robot.clickOn("#button-new-connection");
        fill("#form-name", name);
        fill("#form-url", url);
        fill("#form-user", ROLE);
        if (screenshot != null) {
            Screenshots.of(robot.lookup("#form-name").query().getScene(), screenshot);
        }
        robot.clickOn("#dialog-confirm");
        await("the new profile", 10, () -> selectedProfileName().equals(name));
    }

    private void typePassword() {
        typePassword(PASSWORD);
    }

    private void typePassword(String password) {
        await("the password dialog", 10, () -> robot.lookup("#form-password").tryQuery().isPresent());
        fill("#form-password", password);
        robot.clickOn("#dialog-confirm");
    }

    /**
     * Clicks into a field and puts the text in at once: TestFX types character by character, which for
     * a JDBC URL costs seconds and tests nothing more.
     */
    private void fill(String field, String text) {
        TextInputControl input = robot.lookup(field).query();
        robot.clickOn(input);
        robot.interact(() -> input.setText(text));
    }

    private String selectedProfileName() {
        ListView<?> list = robot.lookup("#connections-list").query();
        Object selected = list.getSelectionModel().getSelectedItem();
        return selected == null ? "" : ((io.trickle.desktop.services.ConnectionProfile) selected).name();
    }

    private String testResult() {
        return robot.lookup("#connection-test-result").<Label>query().getText();
    }
}
