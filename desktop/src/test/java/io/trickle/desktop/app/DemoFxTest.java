package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.dag.DependenciesView;
import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Path;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --demo}: the window opens on the demo database without a click — connected, the catalog
 * installed without asking, the engine's demo created, the bundled engine leading — in the
 * Monitoring perspective. (The test's demo database is a {@link TestDatabase}, not the bundled server.)
 */
class DemoFxTest extends AbstractWorkbenchFxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Override
    CompositionRoot load(Path home) {
        return CompositionRoot.load(home, db::jdbcUrl).withDemo().withWindowSize(1600, 1000);
    }

    @Test
    void opensConnectedWithTheDemoInstalledAndTheEngineRunning() {
        await("the catalog, installed without asking", 60, () -> root.session().catalogProperty().get() != null
                && root.session().catalogProperty().get().state() == CatalogStatus.State.CURRENT);
        // The views follow the engine's events while the demo is installed; wait for the read that has it all.
        await("the demo's stream tables and its closed cycle", 120, () -> root.catalog().stateProperty().get()
                == CatalogModel.State.READY && root.catalog().snapshot().tables().stream().map(t -> t.name()).sorted()
                .toList().equals(SampleWorkbench.SAMPLE.stream().sorted().toList())
                && root.catalog().snapshot().graph().nodes().stream().filter(n -> n.sccId() != null).count() == 2);
        assertEquals(1, root.catalog().snapshot().watermarkGroups().size(), "the ETL feeds' group");
        assertEquals(2, root.catalog().snapshot().graph().nodes().stream().filter(n -> n.sccId() != null).count(),
                "the referral cycle");
        await("the bundled engine to lead", 60, () -> robot.lookup("#status-engine").<Label>query().getText()
                .equals("Engine: leader"));
        assertEquals(Perspectives.MONITORING, root.perspectives().active().id());
        DependenciesView dag = (DependenciesView) root.views().byId(DependenciesView.ID).orElseThrow();
        await("the graph laid out", 30, () -> dag.dag().getLayoutResult() != null && !dag.dag().isLayoutPending());
        WorkbenchFixture.dismissNotifications(dag.node());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "demo.png");
    }
}
