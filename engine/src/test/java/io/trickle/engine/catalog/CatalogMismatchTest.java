package io.trickle.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Flyway's validation reports, turned into what a DBA can act on. */
class CatalogMismatchTest {

    @Test
    void migrationsMissingBelowTheInstalledVersionAreListedWithoutFlywaysAdvice() {
        String report = """
                Validate failed: Migrations have failed validation
                Detected resolved migration not applied to database: 0.7.0.1.
                To ignore this migration, set -ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set -outOfOrder=true.
                Detected resolved migration not applied to database: 0.7.0.2.
                To ignore this migration, set -ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set -outOfOrder=true.
                Need more flexibility with validation rules? Learn more: https://rd.gt/3AbJUZE
                """;
        assertEquals("the installed catalog does not match this engine's migrations (Detected resolved migration not"
                + " applied to database: 0.7.0.1; Detected resolved migration not applied to database: 0.7.0.2); it was"
                + " installed by a different build of Trickle. Remove it with 'trickle uninstall --yes' (stream tables"
                + " stay as plain tables) and run 'trickle install' again", CatalogInstaller.mismatch(report));
    }
}
