package io.trickle.desktop.app;

import io.trickle.engine.embedded.EmbeddedServer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: reads the workspace in {@link #init} (the launcher thread, so no file is read
 * on the FX thread), shows the window in {@link #start}, and hands shutdown to its own thread.
 */
public final class WorkbenchApplication extends Application {

    private CompositionRoot root;

    @Override
    public void init() {
        root = CompositionRoot.loadDefault(EmbeddedServer.defaultHome());
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
