package io.trickle.desktop.services;

import java.util.Optional;

/**
 * Small named values the workbench keeps between runs: the theme, each perspective's layout. Calls
 * touch the workspace file: make them before the window opens or in a background task.
 */
public interface WorkbenchPreferences {

    Optional<String> get(String key);

    void put(String key, String value);
}
