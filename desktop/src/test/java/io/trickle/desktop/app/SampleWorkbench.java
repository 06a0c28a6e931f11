package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.navigator.NavigatorNode;
import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.testfx.api.FxRobot;

/**
 * A workbench whose "Embedded demo" profile reaches a {@link TestDatabase} instead of the bundled
 * server, so the FX tests go through the demo's own path: connect, install the catalog when offered,
 * and the sample shop created through the engine's API.
 */
final class SampleWorkbench {

    /** The demo's stream tables: the shop's six, the ETL join under a watermark group, and the referral cycle. */
    static final List<String> SAMPLE = List.of("shop.order_totals", "shop.open_orders", "shop.customer_revenue",
            "reporting.region_revenue", "reporting.category_sales", "reporting.customer_rank", "etl.settled_orders",
            "shop.referral_reach", "shop.referral_steps");

    private final FxRobot robot;
    private final CompositionRoot root;

    SampleWorkbench(FxRobot robot, CompositionRoot root) {
        this.robot = robot;
        this.root = root;
    }

    /**
     * A workbench whose demo profile reaches {@code db}. With {@code bundledEngine} false, the
     * workspace remembers the engine as switched off, so that only the test's own clicks refresh.
     */
    static CompositionRoot load(Path home, TestDatabase db, boolean bundledEngine) {
        new io.trickle.desktop.services.Workspace(home.resolve("workspace.db"))
                .put(io.trickle.desktop.views.connections.BundledEngineViewModel.PREFERENCE, Boolean.toString(bundledEngine));
        return CompositionRoot.load(home, db::jdbcUrl).withWindowSize(1600, 1000);
    }

    /** The engine's API on the same database, for arranging what a test needs. */
    static <T> T withEngine(TestDatabase db, java.util.function.Function<io.trickle.engine.api.Trickle, T> work) {
        try (io.trickle.engine.api.Trickle trickle = io.trickle.engine.api.Trickle.open(
                io.trickle.engine.api.EngineOptions.forUrl(db.jdbcUrl()))) {
            return work.apply(trickle);
        }
    }

    /** Reads the catalog again (F5), and waits until the table shows in the navigator or not. */
    void reloadUntil(String name, boolean shown) {
        robot.clickOn("#button-reload-catalog");
        await(name + (shown ? " listed" : " gone"), 20, () -> navigatorLine(name).isPresent() == shown);
    }

    /** Connects the demo profile, installs the catalog if asked, and waits until the sample is listed. */
    void connect() {
        robot.clickOn("#button-connect");
        await("the catalog check", 60, () -> root.session().catalogProperty().get() != null
                || robot.lookup("#dialog-confirm").tryQuery().isPresent());
        if (robot.lookup("#dialog-confirm").tryQuery().isPresent()) {
            robot.clickOn("#dialog-confirm");
        }
        await("the catalog to be current", 60, () -> root.session().catalogProperty().get() != null
                && root.session().catalogProperty().get().state() == CatalogStatus.State.CURRENT);
        // The views follow the engine's events while the demo installs; its last step closes the referral cycle.
        await("the sample stream tables", 120, () -> root.catalog().stateProperty().get() == CatalogModel.State.READY
                && root.catalog().snapshot().tables().size() >= SAMPLE.size()
                && root.catalog().snapshot().graph().nodes().stream().filter(n -> n.sccId() != null).count() >= 2);
        await("the navigator tree", 10, () -> navigatorLine("shop.order_totals").isPresent());
        await("the demo's install to be over", 60, () -> root.jobs().activeCount().get() == 0);
    }

    /** The stream table's own line in the navigator (under its schema), if shown. */
    Optional<TreeItem<NavigatorNode>> navigatorLine(String name) {
        TreeView<NavigatorNode> tree = robot.lookup("#navigator-tree").query();
        if (tree.getRoot() == null) {
            return Optional.empty();
        }
        for (TreeItem<NavigatorNode> schema : tree.getRoot().getChildren()) {
            for (TreeItem<NavigatorNode> line : schema.getChildren()) {
                if (line.getValue().item().label().equals(name)) {
                    return Optional.of(line);
                }
            }
        }
        return Optional.empty();
    }

    /** The navigator's first line for {@code item} (a cycle, a group), scrolled into view. */
    Node navigatorCellOf(io.trickle.desktop.views.catalog.CatalogItem item) {
        TreeView<NavigatorNode> tree = robot.lookup("#navigator-tree").query();
        TreeItem<NavigatorNode>[] found = new TreeItem[1];
        robot.interact(() -> {
            java.util.Deque<TreeItem<NavigatorNode>> next = new java.util.ArrayDeque<>(List.of(tree.getRoot()));
            while (!next.isEmpty() && found[0] == null) {
                TreeItem<NavigatorNode> line = next.poll();
                if (line.getValue().item().equals(item)) {
                    found[0] = line;
                }
                line.setExpanded(true);
                next.addAll(line.getChildren());
            }
            tree.scrollTo(tree.getRow(found[0]));
        });
        return robot.lookup(".tree-cell").match((TreeCell<?> c) -> c.getTreeItem() == found[0]).query();
    }

    /**
     * Clicks the stream table's line in the navigator (scrolling it into view first) until the line is
     * selected: a catalog read may draw the tree anew while the robot aims, and then it aims again.
     */
    void clickInNavigator(String name) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                robot.clickOn(navigatorCell(name));
            } catch (RuntimeException drawnAnew) {
                // the line's cell went away under the robot; look it up again
            }
            if (org.testfx.util.WaitForAsyncUtils.waitFor(org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                TreeItem<NavigatorNode> selected = robot.lookup("#navigator-tree").<TreeView<NavigatorNode>>query()
                        .getSelectionModel().getSelectedItem();
                return selected != null && selected.getValue().item().label().equals(name);
            }))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " could not be selected in the navigator");
            }
        }
    }

    /** Adds the stream table's line to the navigator's selection. */
    void ctrlClickInNavigator(String name) {
        Node cell = navigatorCell(name);
        robot.press(javafx.scene.input.KeyCode.CONTROL).clickOn(cell).release(javafx.scene.input.KeyCode.CONTROL);
    }

    Node navigatorCell(String name) {
        TreeView<NavigatorNode> tree = robot.lookup("#navigator-tree").query();
        TreeItem<NavigatorNode> line = navigatorLine(name).orElseThrow(() -> new AssertionError(name + " not in the navigator"));
        robot.interact(() -> tree.scrollTo(tree.getRow(line)));
        return robot.lookup(".tree-cell").match((TreeCell<?> c) -> c.getTreeItem() == line).query();
    }

    /** The muted detail of the navigator's line for {@code item} ("aligned", "30s · diff"), or empty when not shown. */
    String navigatorDetail(io.trickle.desktop.views.catalog.CatalogItem item) {
        TreeView<NavigatorNode> tree = robot.lookup("#navigator-tree").query();
        if (tree.getRoot() == null) {
            return "";
        }
        return tree.getRoot().getValue().find(item).map(NavigatorNode::detail).orElse("");
    }

    /** The rows of the refresh history table. */
    int historyRows() {
        return robot.lookup("#history-table").<TableView<?>>query().getItems().size();
    }

    /** A graph node by its relation's name. */
    Node dagNode(String name) {
        return robot.lookup("#dag-node-" + name.replaceAll("[^A-Za-z0-9_-]", "_")).query();
    }
}
