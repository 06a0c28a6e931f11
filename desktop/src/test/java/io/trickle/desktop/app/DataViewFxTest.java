package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.views.data.DataView;
import io.trickle.engine.api.PreviewRequest;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The data view's grid orders by the database: a click on a column's header asks for the first rows
 * in ascending order, a second click in descending order, a third for no order — the grid never
 * sorts the rows it holds.
 */
class DataViewFxTest extends AbstractWorkbenchFxTest {

    private final FakeEngineService engine = new FakeEngineService("right").withCatalog(FakeEngineService.LATEST);

    @Override
    CompositionRoot load(Path home) {
        engine.catalog().table("shop.order_totals", "30s", "shop.orders");
        return CompositionRoot.load(home, WorkbenchFixture.NO_DEMO).withEngineService(engine).withWindowSize(1280, 800);
    }

    @Test
    void aClickOnAHeaderAsksTheDatabaseForAscendingThenDescendingThenNoOrder() {
        robot.clickOn("#button-connect");
        await("the connection", 20, () -> root.catalog().snapshot().tables().size() == 1);
        robot.clickOn("#perspective-monitoring");
        robot.clickOn(robot.lookup(".tree-cell").match((javafx.scene.control.TreeCell<?> c) -> c.getItem() != null
                && ((io.trickle.desktop.views.navigator.NavigatorNode) c.getItem()).label().equals("order_totals"))
                .<javafx.scene.Node>query());
        robot.type(KeyCode.F3);
        await("the rows", 10, () -> table().getItems().size() == 5);

        robot.clickOn("#data-table-col-id");
        await("ascending", 10, () -> last().orderBy() != null && !last().descending());
        robot.clickOn("#data-table-col-id");
        await("descending", 10, () -> last().descending() && table().getItems().get(0).get(0).equals("5"));
        robot.clickOn("#data-table-col-id");
        await("no order", 10, () -> last().orderBy() == null);
        assertEquals(java.util.Arrays.asList(null, "id", "id", null),
                engine.previews().stream().map(PreviewRequest::orderBy).toList());
        assertEquals("shop.order_totals · 5 rows · 16 kB · all 5 shown", robot.lookup("#data-summary").<Label>query().getText());
    }

    private PreviewRequest last() {
        return engine.previews().get(engine.previews().size() - 1);
    }

    private TableView<List<String>> table() {
        return ((DataView) root.views().byId(DataView.ID).orElseThrow()).table();
    }
}
