package io.trickle.engine.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalog upgrades with live data (issue 17): for every earlier catalog version this build's
 * migrations define — enumerated from the migrations present, so each new migration is covered
 * from every version before it — install the catalog up to that version, create stream tables of
 * each kind it supports, refresh them, write changes and leave them pending in the buffers, then
 * upgrade with {@code install}. The pending changes must survive: the next refresh of each table
 * takes the action it would have taken without the upgrade (no needless FULL or REINITIALIZE) and
 * the oracle holds; the history, settings, watermark group and cycle are still there.
 */
@Tag("pg15")
class CatalogUpgradeIT {

    static Stream<String> earlierVersions() {
        // Flyway lists the migrations it resolves without changing the database it reads.
        MigrationInfo[] all = flyway(TestDatabase.server().url("postgres")).info().all();
        List<String> versions = Arrays.stream(all).map(m -> m.getVersion().getVersion()).toList();
        assertEquals(CatalogCompatibility.NEWEST, versions.get(versions.size() - 1));
        return versions.subList(0, versions.size() - 1).stream();
    }

    @ParameterizedTest(name = "from catalog {0}")
    @MethodSource("earlierVersions")
    void liveStreamTablesSurviveAnUpgradeFrom(String version) throws Exception {
        // This build makes the live tables itself; below the oldest catalog it works in, only an older
        // release can make them (OldEngineIT, with that release's jar).
        Assumptions.assumeTrue(CatalogCompatibility.compare(version, CatalogCompatibility.OLDEST_MAINTAINED) >= 0,
                "this engine creates stream tables in catalogs from " + CatalogCompatibility.OLDEST_MAINTAINED
                        + " on; the upgrade from " + version + " is OldEngineIT's, with an engine of that version");
        TestDatabase db = TestDatabase.perClass().create("t_upgrade_" + version.replace('.', '_') + "_" + System.nanoTime() % 100000);
        try {
            Flyway.configure().configuration(flyway(db.jdbcUrl()).getConfiguration()).target(version).load().migrate();
            assertEquals(version, db.scalar("SELECT version FROM pgtrickle.pgt_schema_history WHERE success"
                    + " ORDER BY installed_rank DESC LIMIT 1"));

            try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
                LiveStreamTables live = LiveStreamTables.create(trickle, db.jdbcUrl(), version);
                trickle.setSetting("differential_max_change_ratio", "0.5");
                live.writeChanges();
                live.refreshAndCheck(trickle);
                live.writeChanges(); // left pending in the buffers across the upgrade

                List<List<Object>> historyBefore = db.rows("SELECT refresh_id, pgt_name, action, status FROM"
                        + " pgtrickle.pgt_refresh_history ORDER BY refresh_id");
                long generationBefore = db.count("SELECT generation FROM pgtrickle.pgt_catalog_generation");

                InstallResult upgrade = trickle.install();
                assertEquals(version, upgrade.previousVersion());
                assertEquals(CatalogCompatibility.NEWEST, upgrade.catalogVersion());
                assertTrue(upgrade.migrationsApplied() > 0);
                assertTrue(db.count("SELECT generation FROM pgtrickle.pgt_catalog_generation") > generationBefore,
                        "an upgrade announces itself to running engines");
                assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE needs_reinit"),
                        "an upgrade marks no table for reinitialisation");

                Map<String, RefreshAction> actions = live.refreshAndCheck(trickle);
                assertFalse(actions.containsValue(RefreshAction.REINITIALIZE), actions.toString());
                assertTrue(db.count("SELECT count(*) FROM pgtrickle.pgt_refresh_history h WHERE h.pgt_name ="
                        + " 'orders_by_customer' AND h.action = 'DIFFERENTIAL' AND h.rows_inserted > 0"
                        + " AND h.refresh_id > ?", ((Number) historyBefore.get(historyBefore.size() - 1).get(0)).longValue()) == 1,
                        "the changes written before the upgrade were applied after it");

                assertEquals(historyBefore, db.rows("SELECT refresh_id, pgt_name, action, status FROM"
                        + " pgtrickle.pgt_refresh_history WHERE refresh_id <= ? ORDER BY refresh_id",
                        historyBefore.get(historyBefore.size() - 1).get(0)), "the history survived");
                assertEquals("0.5", db.scalar("SELECT value FROM pgtrickle.pgt_settings WHERE key = 'differential_max_change_ratio'"));
                if (live.hasWatermarks()) {
                    assertEquals(1, db.count("SELECT count(*) FROM pgtrickle.pgt_watermark_groups WHERE group_name = ?",
                            LiveStreamTables.WATERMARK_GROUP));
                    assertEquals(2, db.count("SELECT count(*) FROM pgtrickle.pgt_watermarks"));
                }
                if (live.hasCycle()) {
                    assertEquals("true", db.scalar("SELECT value FROM pgtrickle.pgt_settings WHERE key = 'allow_circular'"));
                }

                live.writeChanges();
                live.refreshAndCheck(trickle);
            }
        } finally {
            db.drop();
        }
    }

    /** The engine's migrations, as 'trickle install' applies them. */
    private static Flyway flyway(String url) {
        return Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/pgtrickle")
                .schemas("pgtrickle").defaultSchema("pgtrickle").createSchemas(true).table("pgt_schema_history").load();
    }
}
