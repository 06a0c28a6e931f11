package io.trickle.engine.api;

import java.util.List;

/**
 * What {@code uninstall} removed.
 *
 * @param wasInstalled      false when there was no catalog to remove
 * @param storageTablesKept stream tables whose storage stays behind as plain tables
 * @param sourcesReleased   sources whose capture triggers were removed
 */
public record UninstallResult(boolean wasInstalled, List<String> storageTablesKept, List<String> sourcesReleased) {

    public UninstallResult {
        storageTablesKept = List.copyOf(storageTablesKept);
        sourcesReleased = List.copyOf(sourcesReleased);
    }
}
