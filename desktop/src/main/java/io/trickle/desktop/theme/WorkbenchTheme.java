package io.trickle.desktop.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;

/** The themes the DBA can choose: AtlantaFX's Primer palettes, each a whole user-agent stylesheet. */
public enum WorkbenchTheme {
    LIGHT("Light", new PrimerLight()),
    DARK("Dark", new PrimerDark());

    private final String label;
    private final Theme atlantaTheme;

    WorkbenchTheme(String label, Theme atlantaTheme) {
        this.label = label;
        this.atlantaTheme = atlantaTheme;
    }

    public String label() {
        return label;
    }

    String userAgentStylesheet() {
        return atlantaTheme.getUserAgentStylesheet();
    }

    public WorkbenchTheme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The stored preference read back; light when it is missing or unknown. */
    public static WorkbenchTheme parse(String stored) {
        for (WorkbenchTheme t : values()) {
            if (t.name().equalsIgnoreCase(stored)) {
                return t;
            }
        }
        return LIGHT;
    }
}
