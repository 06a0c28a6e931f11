package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.CatalogStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The "Embedded demo" profile works out of the box: on a fresh home, Connect starts the bundled
 * PostgreSQL in a background job, and the catalog is installed through the offered dialog. Closing
 * the window stops the server again.
 */
class EmbeddedDemoFxTest extends AbstractWorkbenchFxTest {

    @Override
    CompositionRoot load(Path home) {
        return CompositionRoot.loadDefault(home);
    }

    @Test
    void connectsToTheEmbeddedDemoWithoutAPassword() {
        robot.clickOn("#button-connect");
        await("the offer to install the catalog", 120, () -> robot.lookup("#dialog-confirm").tryQuery().isPresent());
        assertTrue(robot.lookup("#form-password").tryQuery().isEmpty(), "the demo asks for no password");
        robot.clickOn("#dialog-confirm");
        await("the installed catalog", 60, () -> root.session().catalogProperty().get() != null
                && root.session().catalogProperty().get().state() == CatalogStatus.State.CURRENT);
        String status = robot.lookup("#status-connection").<Label>query().getText();
        assertTrue(status.contains("Embedded demo") && status.contains("/trickle"), status);
        assertTrue(Files.isDirectory(home.resolve("embedded")), "the server's data lives under the workbench's home");
    }
}
