package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.engine.testing.TestDatabase;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

        robot.clickOn("#button-new-connection");
        robot.clickOn("#form-name").write("reporting");
        robot.clickOn("#form-url").write(withoutQuery);
        robot.clickOn("#form-user").write(ROLE);
        Screenshots.of(robot.lookup("#form-name").query().getScene(), "connection-dialog.png");
        robot.clickOn("#dialog-confirm");
        await("the new profile", 10, () -> selectedProfileName().equals("reporting"));

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

    private void typePassword() {
        await("the password dialog", 10, () -> robot.lookup("#form-password").tryQuery().isPresent());
        robot.clickOn("#form-password").write(PASSWORD);
        robot.clickOn("#dialog-confirm");
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
