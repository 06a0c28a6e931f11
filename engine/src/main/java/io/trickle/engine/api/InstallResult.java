package io.trickle.engine.api;

/**
 * What {@code install} did.
 *
 * @param previousVersion   catalog version before, or {@code null} when there was none
 * @param catalogVersion    catalog version now
 * @param migrationsApplied how many migrations ran (0 when the catalog was already current)
 * @param database          {@code host:port/database} it was installed into
 * @param warnings          what an upgrade could not carry over (a stream table put in ERROR, and why)
 */
public record InstallResult(String previousVersion, String catalogVersion, int migrationsApplied, String database,
                            java.util.List<String> warnings) {

    public InstallResult {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    public InstallResult(String previousVersion, String catalogVersion, int migrationsApplied, String database) {
        this(previousVersion, catalogVersion, migrationsApplied, database, java.util.List.of());
    }

    public boolean changed() {
        return migrationsApplied > 0;
    }
}
