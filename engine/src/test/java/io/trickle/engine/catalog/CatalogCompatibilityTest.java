package io.trickle.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which catalogs an engine acts on: its own version must follow the migrations it ships. */
class CatalogCompatibilityTest {

    private static final Path MIGRATIONS = Path.of("../sql/src/main/resources/db/migration/pgtrickle");

    @Test
    void theEnginesCatalogVersionIsItsHighestMigration() throws IOException {
        String highest;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            highest = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V[\\d_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(CatalogCompatibility::compare).orElseThrow();
        }
        assertEquals(highest, CatalogCompatibility.NEWEST,
                "raise CatalogCompatibility.NEWEST to the highest migration, " + highest);
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertTrue(CatalogCompatibility.compare("0.7.0.11", "0.7.0.3") > 0);
        assertTrue(CatalogCompatibility.compare("0.6.1", "0.7.0.1") < 0);
        assertEquals(0, CatalogCompatibility.compare("0.7.0.3", "0.7.0.3"));
    }

    @Test
    void aNewerCatalogIsRefusedNamingBothVersionsAndAnOlderOneBelowTheSupportedRangeAsksForAnInstall() {
        CatalogCompatibility engine = new CatalogCompatibility("0.7.0.3", "0.6.1");
        assertEquals("the Trickle catalog in db:5432/app is version 0.7.0.11, newer than this engine, which knows"
                + " catalog versions up to 0.7.0.3: a newer release of Trickle upgraded it. Run that release (or a later"
                + " one) against this database; this engine changed nothing", engine.refusal("0.7.0.11", "db:5432/app").orElseThrow());
        assertEquals("the Trickle catalog in db:5432/app is version 0.6.0, older than this engine supports (0.6.1 to"
                + " 0.7.0.3); upgrade it with 'trickle install'", engine.refusal("0.6.0", "db:5432/app").orElseThrow());
        assertFalse(engine.refusal("0.6.1", "db").isPresent());
        assertFalse(engine.refusal("0.7.0.3", "db").isPresent());
    }
}
