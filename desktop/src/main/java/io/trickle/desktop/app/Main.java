package io.trickle.desktop.app;

import javafx.application.Application;

/**
 * Starts the workbench. A plain class rather than the {@link Application} itself, so that the
 * workbench also starts from a class path (java -cp …), where JavaFX refuses to launch an
 * Application subclass named as the main class.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(WorkbenchApplication.class, args);
    }
}
