package io.trickle.desktop.app;

import static io.trickle.desktop.app.WorkbenchFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Benchmarks perspective with two runs of the first core benchmark (1 % and 10 % of 200 000 rows
 * changed per cycle, three scenarios each): the by-cycle lines and the FULL-against-DIFFERENTIAL
 * bars are drawn, the speedups listed, and a chart exported as PNG; and a run of the suite, drawn
 * against REFRESH MATERIALIZED VIEW with pg_ivm beside it, its capture cost and its writers.
 */
class BenchmarksFxTest extends AbstractWorkbenchFxTest {

    static final Path ONE_PCT = Path.of("src/test/resources/bench/core-200k-1pct.csv").toAbsolutePath();
    static final Path TEN_PCT = Path.of("src/test/resources/bench/core-200k-10pct.csv").toAbsolutePath();
    /** A run of the suite: the headline scenarios at 5 000 rows, cli and daemon, capture and writers. */
    static final Path SUITE = Path.of("src/test/resources/bench/suite-5k.csv").toAbsolutePath();

    @Override
    CompositionRoot load(Path home) {
        return CompositionRoot.load(home, WorkbenchFixture.NO_DEMO).withWindowSize(1600, 1000);
    }

    @Test
    void twoRunsAreDrawnSideBySideAndAChartIsExported() throws Exception {
        robot.clickOn("#perspective-benchmarks");
        await("the benchmarks view", 5, () -> robot.lookup("#benchmarks-view").tryQuery().isPresent());
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "benchmarks-empty.png");

        WaitForAsyncUtils.asyncFx(() -> root.benchmarks().open(List.of(ONE_PCT, TEN_PCT))).get();
        LineChart<?, ?> lines = robot.lookup("#bench-by-cycle-chart").query();
        await("the two runs' lines", 20, () -> lines.getData().size() == 4
                && lines.lookupAll(".chart-series-line").size() == 4);
        assertEquals(5, lines.getData().get(0).getData().size(), "five cycles per line");
        WorkbenchFixture.dismissNotifications(lines);
        Screenshots.of(robot.lookup("#workbench").query().getScene(), "benchmarks.png");

        javafx.scene.control.ComboBox<String> scenario = robot.lookup("#bench-scenario").query();
        robot.interact(() -> scenario.getSelectionModel().select("join"));
        await("the join scenario", 5, () -> "join".equals(root.benchmarks().scenarioProperty().get()));
        Screenshots.of(robot.lookup("#benchmarks-view").query(), "benchmarks-by-cycle-join.png");

        robot.clickOn("Trickle against recomputing");
        BarChart<?, ?> bars = robot.lookup("#bench-comparison-chart").query();
        await("the bars", 10, () -> bars.getData().size() == 3 && bars.lookupAll(".chart-bar").size() >= 14);
        TableView<?> speedups = robot.lookup("#bench-speedups").query();
        assertEquals(6, speedups.getItems().size());
        Screenshots.of(robot.lookup("#benchmarks-view").query(), "benchmarks-comparison.png");

        Path exported = Screenshots.FOLDER.resolve("benchmarks-export.png");
        Files.deleteIfExists(exported);
        WaitForAsyncUtils.asyncFx(() -> root.benchmarks().export(exported)).get();
        await("the exported PNG", 10, () -> Files.isRegularFile(exported) && Files.size(exported) > 1000);
        assertTrue(Files.readAllBytes(exported)[1] == 'P', "a PNG file");
    }

    @Test
    void aSuiteRunComparesWithRefreshMaterializedViewAndShowsCaptureAndWriters() throws Exception {
        robot.clickOn("#perspective-benchmarks");
        await("the benchmarks view", 5, () -> robot.lookup("#benchmarks-view").tryQuery().isPresent());
        WaitForAsyncUtils.asyncFx(() -> root.benchmarks().open(List.of(SUITE))).get();
        await("the suite's run", 20, () -> root.benchmarks().runs().size() == 1);
        assertTrue(root.benchmarks().runs().get(0).label().startsWith("5k · 1 %, 10 % · cli, daemon · "),
                root.benchmarks().runs().get(0).label());

        robot.clickOn("Trickle against recomputing");
        BarChart<?, ?> bars = robot.lookup("#bench-comparison-chart").query();
        await("REFRESH MV, pg_ivm, Trickle FULL and Trickle", 10, () -> bars.getData().size() == 4);
        TableView<?> speedups = robot.lookup("#bench-speedups").query();
        await("the speedups against REFRESH MV", 10, () -> !speedups.getItems().isEmpty());
        WorkbenchFixture.dismissNotifications(bars);
        Screenshots.of(robot.lookup("#benchmarks-view").query(), "benchmarks-suite.png");

        robot.clickOn("Capture overhead");
        BarChart<?, ?> capture = robot.lookup("#bench-capture-chart").query();
        await("capture beside pg_ivm", 10, () -> capture.getData().size() == 2 && capture.lookupAll(".chart-bar").size() > 4);
        Screenshots.of(robot.lookup("#benchmarks-view").query(), "benchmarks-capture.png");

        robot.clickOn("Writers");
        BarChart<?, ?> writers = robot.lookup("#bench-writers-chart").query();
        await("latency percentiles", 10, () -> writers.getData().size() == 3 && writers.lookupAll(".chart-bar").size() >= 9);
        Screenshots.of(robot.lookup("#benchmarks-view").query(), "benchmarks-writers.png");
    }
}
