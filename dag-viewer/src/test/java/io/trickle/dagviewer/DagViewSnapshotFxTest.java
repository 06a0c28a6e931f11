package io.trickle.dagviewer;

import static io.trickle.dagviewer.FxTesting.awaitLayout;
import static io.trickle.dagviewer.FxTesting.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.dagviewer.demo.SampleDecorations;
import io.trickle.dagviewer.demo.SampleGraphs;
import io.trickle.dagviewer.layout.EdgeStyle;
import io.trickle.dagviewer.layout.LayoutDirection;
import io.trickle.dagviewer.layout.LayoutOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Draws each sample graph with statuses and cycle labels and leaves its picture in target/snapshots. */
@ExtendWith(ApplicationExtension.class)
class DagViewSnapshotFxTest {

    private Stage stage;

    @Start
    void start(Stage primaryStage) {
        this.stage = primaryStage;
    }

    @Test
    void chain() throws IOException {
        snapshot("chain", SampleGraphs.chain(), LayoutOptions.DEFAULT, 760, 140);
    }

    @Test
    void diamond() throws IOException {
        snapshot("diamond", SampleGraphs.diamond(), LayoutOptions.DEFAULT, 560, 200);
    }

    @Test
    void twoNodeCycleInsideALargerDag() throws IOException {
        snapshot("cycle-in-dag", SampleGraphs.cycleInDag(), LayoutOptions.DEFAULT, 1000, 320);
    }

    @Test
    void twoNodeCycleInsideALargerDagTopDown() throws IOException {
        snapshot("cycle-in-dag-top-down", SampleGraphs.cycleInDag(),
                LayoutOptions.DEFAULT.withDirection(LayoutDirection.TOP_DOWN), 560, 640);
    }

    @Test
    void twoNodeCycleInsideALargerDagWithSplines() throws IOException {
        snapshot("cycle-in-dag-splines", SampleGraphs.cycleInDag(),
                LayoutOptions.DEFAULT.withEdgeStyle(EdgeStyle.SPLINES), 1000, 320);
    }

    @Test
    void twoHundredNodes() throws IOException {
        DagView<String, DefaultEdge> view = snapshot("graph-200", SampleGraphs.generated(200, 320, 4, 42),
                LayoutOptions.DEFAULT, 1600, 1000);

        // The same view at zoom 1, centred on a member of the first cycle: labels, arrowheads and a box.
        String member = onFx(() -> view.getLayoutResult().components().get(0).members().iterator().next());
        onFx(() -> {
            view.setZoom(1);
            view.focusOn(member);
        });
        awaitLayout(view);
        assertTrue(Files.size(FxTesting.writeSnapshot(view, "graph-200-detail")) > 0);
    }

    private DagView<String, DefaultEdge> snapshot(String name, Graph<String, DefaultEdge> graph,
                                                  LayoutOptions options, int width, int height) throws IOException {
        Map<String, StringProperty> statuses = SampleDecorations.statuses(graph, 1);
        DagView<String, DefaultEdge> view = onFx(() -> {
            DagView<String, DefaultEdge> v = new DagView<>();
            v.setLayoutOptions(options);
            v.setStatusFactory(statuses::get);
            v.setSccLabelFactory(SampleDecorations.sccLabels(graph));
            v.setGraph(graph);
            stage.setScene(new Scene(v, width, height));
            stage.show();
            return v;
        });
        awaitLayout(view);
        onFx(view::fitToView);
        awaitLayout(view);

        Path file = FxTesting.writeSnapshot(view, name);

        assertTrue(Files.size(file) > 0, file + " written");
        assertEquals(width, ImageIO.read(file.toFile()).getWidth());
        return view;
    }
}
