package io.trickle.desktop.app;

import io.trickle.engine.api.InitiatedBy;
import static io.trickle.desktop.app.WorkbenchFixture.await;

import io.trickle.desktop.services.Workspace;
import io.trickle.desktop.views.connections.BundledEngineViewModel;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The bundled engine against a real database (DESIGN §2): while another engine leads, the
 * workbench's scheduler follows; when that engine stops, the workbench takes over and refreshes on
 * schedule; switching it off stops it and is remembered in the workspace.
 */
class BundledEngineFxTest extends AbstractSampleFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle other;
    private static SchedulerHandle otherScheduler;

    @Override
    TestDatabase database() {
        return db;
    }

    @Override
    boolean bundledEngine() {
        return true;
    }

    /** Another engine (a daemon elsewhere) leads before the workbench connects. */
    @BeforeAll
    static void anotherEngineLeads() throws TimeoutException {
        other = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        other.install();
        otherScheduler = other.runScheduler(new SchedulerOptions(Duration.ofMillis(200), 1));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> otherScheduler.role() == SchedulerRole.LEADER);
    }

    @AfterAll
    static void stopTheOtherEngine() {
        other.close();
    }

    @Test
    void followsWhileAnotherEngineLeadsThenTakesOverAndCanBeSwitchedOff() throws Exception {
        await("the workbench to follow", 60, () -> engineStatus().equals("Engine: follower"));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#status-bar").query(), "status-engine-follower.png");

        otherScheduler.stop();
        await("the workbench to take over", 60, () -> engineStatus().equals("Engine: leader"));
        db.execute("INSERT INTO shop.orders VALUES (90001, 1, now(), 'open')");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> SampleWorkbench.withEngine(db,
                t -> t.history(null, 100).stream().anyMatch(e -> e.initiatedBy() == InitiatedBy.SCHEDULER)));
        WorkbenchFixture.dismissNotifications(robot.lookup("#workbench").query());
        Screenshots.of(robot.lookup("#status-bar").query(), "status-engine-leader.png");

        robot.clickOn("#menu-database").clickOn("#menu-toggle-engine");
        await("the engine to stop", 30, () -> engineStatus().equals("Engine: switched off"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> new Workspace(home.resolve("workspace.db"))
                .get(BundledEngineViewModel.PREFERENCE).equals(Optional.of("false")));
    }

    private String engineStatus() {
        return robot.lookup("#status-engine").<Label>query().getText();
    }
}
