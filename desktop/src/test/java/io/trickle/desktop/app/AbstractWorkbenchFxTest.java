package io.trickle.desktop.app;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** Each test gets a fresh workbench window on a workspace in its own temporary home. */
abstract class AbstractWorkbenchFxTest {

    @TempDir
    Path home;

    final FxRobot robot = new FxRobot();
    CompositionRoot root;

    /** What the window is built from; tests that need the real embedded demo override it. */
    CompositionRoot load(Path home) {
        return CompositionRoot.load(home, WorkbenchFixture.NO_DEMO);
    }

    @BeforeEach
    void openWorkbench() throws Exception {
        root = WorkbenchFixture.open(load(home));
    }

    @AfterEach
    void closeWorkbench() throws Exception {
        WorkbenchFixture.close(root);
    }
}
