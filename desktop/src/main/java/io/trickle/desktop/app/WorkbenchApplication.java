package io.trickle.desktop.app;

import io.trickle.engine.embedded.EmbeddedServer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: reads the workspace in {@link #init} (the launcher thread, so no file is read
 * on the FX thread), shows the window in {@link #start}, and hands shutdown to its own thread. With
 * the argument {@code --demo} the window opens on the embedded demo, connected, with the demo
 * installed and the bundled engine scheduling it.
 */
public final class WorkbenchApplication extends Application {

    /** The argument that opens the workbench on the embedded demo. */
    public static final String DEMO = "--demo";

    private CompositionRoot root;

    @Override
    public void init() {
        root = CompositionRoot.loadDefault(EmbeddedServer.defaultHome());
        if (getParameters().getRaw().contains(DEMO)) {
            root.withDemo();
        }
    }

    @Override
    public void start(Stage stage) {
        root.show(stage);
    }

    @Override
    public void stop() {
        root.close();
    }
}
