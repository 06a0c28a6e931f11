package io.trickle.desktop.app;

import java.io.PrintStream;
import java.util.Locale;
import javafx.application.Application;

/**
 * Starts the workbench. A plain class rather than the {@link Application} itself, so that the
 * workbench also starts from a class path ({@code java -jar}), where JavaFX refuses to launch an
 * Application subclass named as the main class.
 *
 * <p>When JavaFX cannot open a window — no display, or no GTK 3 on Linux — it says so in a sentence
 * that names what to install, with exit code 1, instead of a stack trace.
 */
public final class Main {

    /** The system packages the window needs on Debian and Ubuntu (the README and {@code .ci/run} list the same). */
    static final String PACKAGES = "libgtk-3-0 libxtst6 libfreetype6 libfontconfig1 fonts-dejavu-core";

    private Main() {
    }

    public static void main(String[] args) {
        try {
            Application.launch(WorkbenchApplication.class, args);
        } catch (RuntimeException e) {
            String problem = toolkitProblem(e);
            if (problem == null) {
                throw e;
            }
            print(System.err, problem);
            System.exit(1);
        }
    }

    /** What keeps JavaFX from opening a window, in a sentence with the remedy; null for any other failure. */
    static String toolkitProblem(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("gtk")) {
            return "the workbench cannot open a window: JavaFX found no GTK 3 library (" + message + "). On Debian or "
                    + "Ubuntu install what the window needs: sudo apt-get install " + PACKAGES;
        }
        if (lower.contains("display")) {
            return "the workbench cannot open a window: there is no display (" + message + "). Run it in a desktop "
                    + "session, or under a virtual one: xvfb-run java -jar desktop/target/trickle-workbench.jar --demo";
        }
        return null;
    }

    private static void print(PrintStream err, String problem) {
        err.println("trickle workbench: " + problem);
    }
}
