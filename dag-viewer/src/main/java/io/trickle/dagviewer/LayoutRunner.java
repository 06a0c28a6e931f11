package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.LayeredLayout;
import io.trickle.dagviewer.layout.LayoutOptions;
import io.trickle.dagviewer.layout.LayoutResult;
import io.trickle.dagviewer.layout.Size;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * Runs layouts for one view: small graphs at once on the JavaFX thread, larger ones on a background thread of
 * the view's own so that the UI stays responsive. Only the latest request counts: a request makes every earlier
 * one stale, a stale layout that has not started is skipped, and a stale result is dropped.
 */
final class LayoutRunner<V, E> {

    /** Up to this many vertices a layout takes a few milliseconds, less than handing it to a thread. */
    static final int SYNCHRONOUS_LIMIT = 150;

    private static final long IDLE_SECONDS = 30;
    private static final System.Logger LOG = System.getLogger(LayoutRunner.class.getName());
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Consumer<LayoutResult<V, E>> onResult;
    private final Runnable onFailure;
    private final AtomicLong latest = new AtomicLong();
    private ExecutorService executor;

    /**
     * @param onResult  receives each current result, on the JavaFX thread
     * @param onFailure told on the JavaFX thread when the current layout failed (the failure is logged)
     */
    LayoutRunner(Consumer<LayoutResult<V, E>> onResult, Runnable onFailure) {
        this.onResult = onResult;
        this.onFailure = onFailure;
    }

    /** Lays out {@code graph}; call on the JavaFX thread, which owns the graph. */
    void run(Graph<V, E> graph, Map<V, Size> nodeSizes, Map<Set<V>, Size> labelSizes, LayoutOptions options) {
        long ticket = latest.incrementAndGet();
        LayeredLayout layout = new LayeredLayout(options);
        if (graph.vertexSet().size() <= SYNCHRONOUS_LIMIT) {
            compute(ticket, layout, graph, nodeSizes, labelSizes);
            return;
        }
        // The caller may change its graph while the layout runs: the background thread reads a copy.
        Graph<V, E> copy = copyOf(graph);
        executor().execute(() -> {
            if (ticket == latest.get()) {
                compute(ticket, layout, copy, nodeSizes, labelSizes);
            }
        });
    }

    /** Makes every running or queued layout stale. */
    void cancel() {
        latest.incrementAndGet();
    }

    void dispose() {
        cancel();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void compute(long ticket, LayeredLayout layout, Graph<V, E> graph, Map<V, Size> nodeSizes,
                         Map<Set<V>, Size> labelSizes) {
        try {
            LayoutResult<V, E> result = layout.layout(graph, nodeSizes::get,
                    members -> labelSizes.getOrDefault(members, Size.ZERO));
            onFxThread(() -> {
                if (ticket == latest.get()) {
                    onResult.accept(result);
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "layout of a graph with " + graph.vertexSet().size() + " vertices and "
                    + graph.edgeSet().size() + " edges failed; the previous layout stays on screen", e);
            onFxThread(() -> {
                if (ticket == latest.get()) {
                    onFailure.run();
                }
            });
        }
    }

    private static void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * One thread at most, which ends after a while without work: a view that is dropped without its skin being
     * disposed then leaves no thread behind.
     */
    private ExecutorService executor() {
        if (executor == null) {
            executor = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread thread = new Thread(task, "dag-viewer-layout-" + THREAD_NUMBER.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
        return executor;
    }

    private static <V, E> Graph<V, E> copyOf(Graph<V, E> graph) {
        Graph<V, E> copy = GraphTypeBuilder.<V, E>directed()
                .allowingMultipleEdges(true)
                .allowingSelfLoops(true)
                .buildGraph();
        Graphs.addGraph(copy, graph);
        return copy;
    }
}
