package io.trickle.engine.cdc;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change buffers written by engines before 0.7.0.5 hold each row as JSON. Their pending changes
 * survive the move to typed buffers: {@code install} converts them, and a refresh that meets one
 * first converts it itself.
 */
@Tag("pg15")
class CaptureUpgradeIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    /** Puts a source's capture back the way engines before 0.7.0.5 installed it: a JSON buffer. */
    private static void asAnOlderEngineCapturedIt(String source) {
        long id = db.count("SELECT buffer_id FROM pgtrickle.pgt_change_tracking WHERE source = ?::regclass", source);
        String buffer = "pgtrickle_changes.changes_" + id;
        db.execute("DROP TABLE " + buffer,
                "CREATE TABLE " + buffer + " (xid xid8 NOT NULL DEFAULT pg_current_xact_id(), action \"char\" NOT NULL, data json)",
                "CREATE INDEX ON " + buffer + " (xid)",
                "CREATE OR REPLACE FUNCTION pgtrickle_changes.capture_" + id + "() RETURNS trigger LANGUAGE plpgsql"
                        + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$ BEGIN"
                        + " IF TG_OP = 'INSERT' THEN INSERT INTO " + buffer + " (action, data) SELECT 'I', row_to_json(r.*) FROM __pgt_new r;"
                        + " ELSIF TG_OP = 'DELETE' THEN INSERT INTO " + buffer + " (action, data) SELECT 'D', row_to_json(r.*) FROM __pgt_old r;"
                        + " ELSIF TG_OP = 'UPDATE' THEN INSERT INTO " + buffer + " (action, data) SELECT 'D', row_to_json(r.*) FROM __pgt_old r"
                        + " UNION ALL SELECT 'I', row_to_json(r.*) FROM __pgt_new r;"
                        + " ELSIF TG_OP = 'TRUNCATE' THEN INSERT INTO " + buffer + " (action, data) VALUES ('T', NULL); END IF;"
                        + " RETURN NULL; END $f$",
                "UPDATE pgtrickle.pgt_change_tracking SET buffer_format = 'json', captured_columns = '{}' WHERE buffer_id = " + id);
    }

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    @Test
    void pendingJsonChangesSurviveTheConversionByInstallAndByARefresh() throws Exception {
        db.execute("CREATE TABLE old_a (id int PRIMARY KEY, g text, v numeric(8,2))",
                "INSERT INTO old_a SELECT i, 'g' || (i % 3), i / 4.0 FROM generate_series(1, 40) i",
                "CREATE TABLE old_b (id int PRIMARY KEY, w int)", "INSERT INTO old_b SELECT i, i FROM generate_series(1, 40) i");
        String qa = "SELECT g, sum(v) AS total, count(*) AS n FROM old_a GROUP BY g";
        String qb = "SELECT id, w FROM old_b WHERE w > 5";
        trickle.create(CreateRequest.of("old_a_st", qa).mode(RefreshMode.DIFFERENTIAL));
        trickle.create(CreateRequest.of("old_b_st", qb).mode(RefreshMode.DIFFERENTIAL));
        asAnOlderEngineCapturedIt("old_a");
        asAnOlderEngineCapturedIt("old_b");
        db.execute("UPDATE old_a SET v = v + 1 WHERE id < 10", "DELETE FROM old_a WHERE id > 35",
                "INSERT INTO old_a VALUES (100, 'g9', 3.25)", "UPDATE old_b SET w = 0 WHERE id < 8", "INSERT INTO old_b VALUES (99, 99)");
        assertEquals(2, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking WHERE buffer_format = 'json'"));

        trickle.install();
        assertEquals("typed", db.scalar("SELECT buffer_format FROM pgtrickle.pgt_change_tracking WHERE source = 'old_a'::regclass"));
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("old_a_st").action());
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("old_b_st").action());
        assertOracle("old_a_st", qa);
        assertOracle("old_b_st", qb);

        asAnOlderEngineCapturedIt("old_b");
        db.execute("DELETE FROM old_b WHERE id = 20");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("old_b_st").action(), "converted on the way");
        assertOracle("old_b_st", qb);
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking WHERE buffer_format = 'json'"));
    }
}
