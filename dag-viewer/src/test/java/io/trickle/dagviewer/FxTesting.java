package io.trickle.dagviewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting and snapshots for the TestFX tests of this module. */
final class FxTesting {

    /** Where the tests leave their pictures (DESIGN §8). */
    static final Path SNAPSHOTS = Path.of("target", "snapshots");
    private static final int LAYOUT_DEADLINE_SECONDS = 30;

    private FxTesting() {
    }

    /** Runs {@code action} on the JavaFX thread and returns its result. */
    static <T> T onFx(Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(LAYOUT_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX thread did not answer", e);
        }
    }

    static void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits until the view shows a layout of its current graph and the pulse that draws it has passed. */
    static void awaitLayout(DagView<?, ?> view) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(LAYOUT_DEADLINE_SECONDS, TimeUnit.SECONDS,
                    () -> onFx(() -> view.getLayoutResult() != null && !view.isLayoutPending()));
        } catch (TimeoutException e) {
            throw new AssertionError("no layout within " + LAYOUT_DEADLINE_SECONDS + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes a snapshot of the view, as it is on screen, to {@code target/snapshots/<name>.png}. */
    static Path writeSnapshot(DagView<?, ?> view, String name) {
        WritableImage image = onFx(() -> view.snapshot(null, null));
        BufferedImage picture = SwingFXUtils.fromFXImage(image, null);
        try {
            Files.createDirectories(SNAPSHOTS);
            Path file = SNAPSHOTS.resolve(name + ".png");
            ImageIO.write(picture, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
