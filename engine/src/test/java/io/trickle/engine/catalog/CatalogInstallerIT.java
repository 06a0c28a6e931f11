package io.trickle.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.testing.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("pg15")
class CatalogInstallerIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void installCreatesTheCatalogAndASecondInstallChangesNothing() {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            InstallResult first = trickle.install();
            assertTrue(first.changed());
            assertEquals(null, first.previousVersion());
            assertEquals(trickle.latestCatalogVersion(), first.catalogVersion());

            for (String table : List.of("pgt_stream_tables", "pgt_dependencies", "pgt_refresh_history",
                    "pgt_change_tracking", "pgt_frontiers", "pgt_settings")) {
                assertEquals(1, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'pgtrickle' AND tablename = ?",
                        table), table);
            }
            assertEquals(1, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgtrickle_changes'"));

            InstallResult second = trickle.install();
            assertFalse(second.changed());
            assertEquals(first.catalogVersion(), second.previousVersion());
            assertEquals(first.catalogVersion(), trickle.catalogVersion().orElseThrow());
        }
    }

    @Test
    void anOlderCatalogIsUpgradedInPlace() throws Exception {
        TestDatabase older = TestDatabase.perClass().create("t_catalog_upgrade_" + System.nanoTime() % 100000);
        try {
            Flyway base = Flyway.configure().dataSource(older.jdbcUrl(), null, null)
                    .locations("classpath:db/migration/pgtrickle").schemas("pgtrickle").defaultSchema("pgtrickle")
                    .createSchemas(true).table("pgt_schema_history").load();
            MigrationInfo[] all = base.info().all();
            String first = all[0].getVersion().getVersion();
            Flyway.configure().configuration(base.getConfiguration()).target(first).load().migrate();
            older.execute("INSERT INTO pgtrickle.pgt_settings (key, value) VALUES ('allow_circular', 'true')");

            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(older.jdbcUrl()))) {
                InstallResult upgrade = trickle.install();
                assertEquals(first, upgrade.previousVersion());
                assertEquals(all[all.length - 1].getVersion().getVersion(), upgrade.catalogVersion());
                assertEquals(all.length - 1, upgrade.migrationsApplied());
            }
            assertEquals("true", older.scalar("SELECT value FROM pgtrickle.pgt_settings WHERE key = 'allow_circular'"),
                    "an upgrade keeps the catalog's contents");
        } finally {
            older.drop();
        }
    }

    @Test
    void aRoleWithoutCreateIsRefusedNamingThePrivilegeAndNothingIsInstalled() throws Exception {
        TestDatabase other = TestDatabase.perClass().create("t_catalog_noprivilege_" + System.nanoTime() % 100000);
        try {
            String url = other.createPlainRole("trickle_no_create", "pw-no-create", false);
            other.execute("REVOKE CREATE ON DATABASE " + other.name() + " FROM PUBLIC");
            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(url))) {
                // Refused before anything changed: exit 2 (issue 18).
                InvalidInputException e = assertThrows(InvalidInputException.class, trickle::install);
                assertTrue(e.getMessage().contains("lacks the CREATE privilege on database"), e.getMessage());
                assertTrue(e.getMessage().contains("trickle_no_create"), e.getMessage());
            }
            assertEquals(0, other.count("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pgtrickle%'"));
        } finally {
            other.drop();
        }
    }

    @Test
    void aCatalogInstalledByAnotherBuildIsNamedWithWhatDiffersAndWhatToDo() throws Exception {
        TestDatabase other = TestDatabase.perClass().create("t_catalog_mismatch_" + System.nanoTime() % 100000);
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(other.jdbcUrl()))) {
            trickle.install();
            other.execute("UPDATE pgtrickle.pgt_schema_history SET checksum = 12345 WHERE version = '0.6.0'");
            ActionFailedException e = assertThrows(ActionFailedException.class, trickle::install);
            assertTrue(e.getMessage().contains("does not match this engine's migrations (Migration checksum mismatch"
                    + " for migration version 0.6.0: Applied to database: 12345, Resolved locally: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("Remove it with 'trickle uninstall --yes' (stream tables stay as plain"
                    + " tables) and run 'trickle install' again"), e.getMessage());
        } finally {
            other.drop();
        }
    }
}
