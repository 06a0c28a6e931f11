package io.trickle.engine.api;

/**
 * What {@code install} did.
 *
 * @param previousVersion   catalog version before, or {@code null} when there was none
 * @param catalogVersion    catalog version now
 * @param migrationsApplied how many migrations ran (0 when the catalog was already current)
 * @param database          {@code host:port/database} it was installed into
 */
public record InstallResult(String previousVersion, String catalogVersion, int migrationsApplied, String database) {

    public boolean changed() {
        return migrationsApplied > 0;
    }
}
