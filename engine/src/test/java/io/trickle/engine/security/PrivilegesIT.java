package io.trickle.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, F10: the privileges the README lists are the ones the engine needs, for a stream table's
 * whole life — create, capture, refresh, alter, drop, uninstall — over sources it does not own; and
 * create checks them before anything exists, refusing with the GRANT to run.
 *
 * <p>The README's list, on sources owned by another role: USAGE on their schema, SELECT and TRIGGER
 * on each source, CREATE on the schema the stream table goes to (and CREATE on the database to install).
 */
@Tag("pg15")
class PrivilegesIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static String engineUrl;
    private static String ownerUrl;
    private static String writerUrl;
    private static Trickle engine;

    @BeforeAll
    static void roles() throws SQLException {
        engineUrl = Roles.login(db, "pv_engine", "CREATE");
        ownerUrl = Roles.login(db, "pv_owner", "CREATE");
        writerUrl = Roles.login(db, "pv_writer", null);
        Roles.as(ownerUrl, "CREATE SCHEMA app", "CREATE SCHEMA reports",
                "GRANT USAGE ON SCHEMA app TO pv_writer",
                // The README's list: the engine's role on the sources' schema and on the stream tables' schema.
                "GRANT USAGE ON SCHEMA app TO pv_engine", "GRANT USAGE, CREATE ON SCHEMA reports TO pv_engine");
        engine = Trickle.open(EngineOptions.forUrl(engineUrl));
        engine.install();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static void source(String table, String grantsToEngine) throws SQLException {
        Roles.as(ownerUrl, "CREATE TABLE app." + table + " (id int PRIMARY KEY, grp int NOT NULL, v int)",
                "INSERT INTO app." + table + " SELECT g, g % 4, g FROM generate_series(1, 40) g",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app." + table + " TO pv_writer");
        if (grantsToEngine != null) {
            Roles.as(ownerUrl, "GRANT " + grantsToEngine + " ON app." + table + " TO pv_engine");
        }
    }

    @Test
    void theReadmesPrivilegesCarryAStreamTableThroughItsWholeLife() throws SQLException {
        source("orders", "SELECT, TRIGGER");
        source("lines", "SELECT, TRIGGER");
        String q = "SELECT o.grp, count(*) AS n, sum(l.v) AS total FROM app.orders o JOIN app.lines l ON l.id = o.id GROUP BY o.grp";
        CliRun create = CliRun.at(engineUrl, "create", "reports.totals", "--query", q, "--mode", "DIFFERENTIAL");
        assertEquals(0, create.exitCode(), create::toString);
        Roles.as(writerUrl, "INSERT INTO app.orders VALUES (100, 1, 5)", "INSERT INTO app.lines VALUES (100, 1, 7)",
                "UPDATE app.lines SET v = v * 2 WHERE id < 10", "DELETE FROM app.orders WHERE id = 3");
        assertEquals(RefreshAction.DIFFERENTIAL, engine.refresh("reports.totals", false).action());
        assertMatches("reports", "totals", q);

        String altered = "SELECT o.grp, count(*) AS n FROM app.orders o GROUP BY o.grp";
        assertEquals(0, CliRun.at(engineUrl, "alter", "reports.totals", "--query", altered).exitCode());
        Roles.as(writerUrl, "INSERT INTO app.orders VALUES (101, 2, 5)");
        engine.refresh("reports.totals", false);
        assertMatches("reports", "totals", altered);
        assertEquals(0, captureTriggers("lines"), "capture left the source nobody reads any more");

        // Dropping the last stream table over a source the engine does not own removes its capture.
        CliRun drop = CliRun.at(engineUrl, "drop", "reports.totals");
        assertEquals(0, drop.exitCode(), drop::toString);
        assertEquals(0, captureTriggers("orders"));
        Roles.as(writerUrl, "INSERT INTO app.orders VALUES (102, 2, 5)");

        assertEquals(0, CliRun.at(engineUrl, "create", "reports.again", "--query", "SELECT id, v FROM app.orders").exitCode());
        CliRun uninstall = CliRun.at(engineUrl, "uninstall", "--yes");
        assertEquals(0, uninstall.exitCode(), uninstall::toString);
        assertEquals(0, captureTriggers("orders"));
        Roles.as(writerUrl, "INSERT INTO app.orders VALUES (103, 2, 5)");
        assertEquals(1, db.count("SELECT count(*) FROM pg_class WHERE relname = 'again'"), "the storage table stays");
        engine.install();
    }

    @Test
    void createRefusesUpFrontWithTheGrantToRunAndLeavesNothingBehind() throws SQLException {
        source("no_trigger", "SELECT");
        source("no_select", "TRIGGER");
        Roles.as(ownerUrl, "CREATE SCHEMA hidden", "CREATE TABLE hidden.t (id int)", "CREATE SCHEMA closed",
                "GRANT USAGE ON SCHEMA closed TO pv_engine");
        assertRefused("reports.a", "SELECT id, v FROM app.no_trigger", "GRANT TRIGGER ON app.no_trigger TO pv_engine");
        assertRefused("reports.b", "SELECT id, v FROM app.no_select", "GRANT SELECT ON app.no_select TO pv_engine");
        assertRefused("reports.c", "SELECT id FROM hidden.t", "GRANT USAGE ON SCHEMA hidden TO pv_engine");
        assertRefused("closed.d", "SELECT id FROM app.no_trigger",
                "may not create tables in schema closed (GRANT CREATE ON SCHEMA closed TO pv_engine)");
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking"));
        assertEquals(0, db.count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgtrickle\\_capture%'"));
    }

    private static void assertRefused(String name, String query, String grant) {
        CliRun run = CliRun.at(engineUrl, "create", name, "--query", query);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(grant), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"));
    }

    private static long captureTriggers(String table) {
        return db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = ?::regclass AND tgname LIKE 'pgtrickle%'",
                "app." + table);
    }

    private static void assertMatches(String schema, String table, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(engineUrl)) {
            Oracle.assertMatches(c, schema, table, query);
        }
    }
}
