package io.trickle.desktop.app;

import io.trickle.engine.embedded.EmbeddedServer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: reads the workspace in {@link #init} (the launcher thread, so no file is read
 * on the FX thread), shows the window in {@link #start}, and hands shutdown to its own thread. With
 * the argument {@code --demo} the window opens on the embedded demo, connected, with the demo
 * installed and the bundled engine scheduling it; {@code --demo --reset} first puts the demo back as it
 * was first installed.
 */
public final class WorkbenchApplication extends Application {

    /** The argument that opens the workbench on the embedded demo. */
    public static final String DEMO = "--demo";
    /** With {@link #DEMO}: put the demo back as first installed. */
    public static final String RESET = "--reset";

    private CompositionRoot root;

    @Override
    public void init() {
        root = CompositionRoot.loadDefault(EmbeddedServer.defaultHome());
        if (getParameters().getRaw().contains(DEMO)) {
            if (getParameters().getRaw().contains(RESET)) {
                root.withDemoReset();
            } else {
                root.withDemo();
            }
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
