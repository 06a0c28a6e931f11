package io.trickle.desktop.theme;

import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/**
 * Switches between light and dark. A theme is a whole AtlantaFX user-agent stylesheet; on top of it
 * every scene gets {@code trickle.css}, which derives Trickle's status colours from the theme's
 * looked-up colours, so nothing else needs to change when the theme does. Call on the FX thread.
 */
public final class ThemeSwitcher {

    /** The workbench's own stylesheet, for scenes and dialogs. */
    public static final String STYLESHEET = Objects.requireNonNull(
            ThemeSwitcher.class.getResource("trickle.css"), "trickle.css is missing").toExternalForm();
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final ReadOnlyObjectWrapper<WorkbenchTheme> theme = new ReadOnlyObjectWrapper<>(this, "theme");
    private Scene scene;

    public ThemeSwitcher(WorkbenchTheme initial) {
        theme.set(initial);
        Application.setUserAgentStylesheet(initial.userAgentStylesheet());
    }

    /** Styles the window's scene now and on every later switch. */
    public void attach(Scene scene) {
        this.scene = scene;
        scene.getStylesheets().add(STYLESHEET);
        markDark();
    }

    public void use(WorkbenchTheme next) {
        if (next == theme.get()) {
            return;
        }
        Application.setUserAgentStylesheet(next.userAgentStylesheet());
        theme.set(next);
        markDark();
    }

    public void toggle() {
        use(theme.get().other());
    }

    public ReadOnlyObjectProperty<WorkbenchTheme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public List<String> stylesheets() {
        return List.of(STYLESHEET);
    }

    /** trickle.css may need a tweak per theme; the :dark pseudo-class on the root lets it say so. */
    private void markDark() {
        if (scene != null && scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, theme.get() == WorkbenchTheme.DARK);
        }
    }
}
