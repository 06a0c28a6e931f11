package io.trickle.engine.catalog;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which cluster the catalog's frontiers come from (DumpRestoreIT moves whole databases; these are the
 * cases a dump cannot make here): a catalog at home is left alone, one whose cluster identifier was
 * withheld gets it recorded, and frontiers ahead of this cluster's transactions are foreign even
 * without an identifier to compare.
 */
@Tag("pg15")
class ClusterOriginIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void aCatalogAtHomeIsLeftAloneAndAMissingIdentifierIsRecorded() throws Exception {
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
        }
        Object here = db.scalar("SELECT pgtrickle.cluster_identifier()");
        assertEquals(here, db.scalar("SELECT system_identifier FROM pgtrickle.pgt_cluster_origin"), "recorded at install");
        try (Connection c = db.connect()) {
            assertEquals(Optional.empty(), ClusterOrigin.adopt(c));
        }
        db.execute("UPDATE pgtrickle.pgt_cluster_origin SET system_identifier = NULL");
        try (Connection c = db.connect()) {
            assertEquals(Optional.empty(), ClusterOrigin.adopt(c));
        }
        assertEquals(here, db.scalar("SELECT system_identifier FROM pgtrickle.pgt_cluster_origin"));
    }

    @Test
    void frontiersAheadOfThisClusterAreForeignEvenWithoutAnIdentifier() throws Exception {
        db.execute("CREATE TABLE ahead_src (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO ahead_src SELECT g, g FROM generate_series(1, 50) g");
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            trickle.create(CreateRequest.of("ahead_sum", "SELECT sum(v) AS total, count(*) AS n FROM public.ahead_src").schedule("1h").mode(RefreshMode.DIFFERENTIAL));
            db.execute("UPDATE pgtrickle.pgt_cluster_origin SET system_identifier = NULL",
                    "UPDATE pgtrickle.pgt_frontiers SET snapshot = '4000000000:4000000000:'",
                    "INSERT INTO ahead_src VALUES (51, 51)");
            assertTrue(db.count("SELECT count(*) FROM pgtrickle_changes." + db.scalar(
                    "SELECT buffer_table FROM pgtrickle.pgt_change_tracking WHERE source_name = 'ahead_src'")) > 0);
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                Optional<String> reason = ClusterOrigin.adopt(c);
                c.commit();
                assertTrue(reason.orElseThrow().contains("ahead of this cluster's transactions"), reason.get());
            }
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle_changes." + db.scalar(
                    "SELECT buffer_table FROM pgtrickle.pgt_change_tracking WHERE source_name = 'ahead_src'")),
                    "foreign changes are dropped");
            assertFalse(db.strings("SELECT snapshot::text FROM pgtrickle.pgt_frontiers").contains("4000000000:4000000000:"));
            RefreshResult r = trickle.refresh("ahead_sum");
            assertEquals(RefreshAction.REINITIALIZE, r.action());
            assertTrue(r.reason().contains("restored from another cluster"), r.reason());
            try (Connection c = db.connect()) {
                Oracle.assertMatches(c, "public", "ahead_sum", "SELECT sum(v) AS total, count(*) AS n FROM public.ahead_src");
            }
            db.execute("DELETE FROM ahead_src WHERE id = 1");
            assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("ahead_sum").action());
            try (Connection c = db.connect()) {
                Oracle.assertMatches(c, "public", "ahead_sum", "SELECT sum(v) AS total, count(*) AS n FROM public.ahead_src");
            }
        }
    }
}
