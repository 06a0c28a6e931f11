package io.trickle.engine.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sources that are not plain tables (issue 19, point 3): relations whose changes cannot be captured —
 * system catalogs, system and statistics views, materialized views, sequences, foreign tables — make
 * AUTO refresh in full, saying which relation, and every later refresh is FULL (never NO_DATA while
 * the relation changed); explicit DIFFERENTIAL refuses naming it. User views are expanded into the
 * tables beneath them and maintained differentially, and a redefined view reinitialises its readers.
 */
@Tag("pg15")
class SourceKindsIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute("CREATE TABLE sk_orders (id int PRIMARY KEY, cust int, amount numeric(8,2))",
                "CREATE TABLE sk_customers (id int PRIMARY KEY, name text)",
                "INSERT INTO sk_orders SELECT i, i % 5, i * 1.5 FROM generate_series(1, 30) i",
                "INSERT INTO sk_customers SELECT i, 'c' || i FROM generate_series(0, 4) i");
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    private static void assertRefusedNaming(String query, String relation, String what) {
        TrickleException e = assertThrows(TrickleException.InvalidInputException.class,
                () -> trickle.create("sk_refused", query, null, "DIFFERENTIAL", true));
        assertTrue(e.getMessage().contains(relation + ", " + what + ", whose changes cannot be captured"), e.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'sk_refused'"));
    }

    /** AUTO picks FULL naming the relation; each refresh after a change of it is FULL, and right. */
    private static void assertFullEveryTime(String st, String query, String relation, String change) throws SQLException {
        CreateResult created = trickle.create(st, query, null, "AUTO", true);
        assertEquals(EffectiveMode.FULL, created.effectiveMode());
        assertTrue(created.fallbackReason().contains(relation), created.fallbackReason());
        db.execute(change);
        RefreshResult r = trickle.refresh(st, false);
        assertEquals(RefreshAction.FULL, r.action(), "never NO_DATA: the engine cannot know that nothing changed");
        assertTrue(r.reason().contains(relation), r.reason());
        assertOracle(st, query);
    }

    @Test
    void aSystemCatalogIsRefreshedInFullAndRefusedForDifferential() throws SQLException {
        String query = "SELECT relname FROM pg_class WHERE relname LIKE 'sk\\_probe%'";
        assertRefusedNaming(query, "pg_catalog.pg_class", "a system catalog");
        assertFullEveryTime("sk_catalog", query, "pg_catalog.pg_class", "CREATE TABLE sk_probe_1 (a int)");
        assertEquals(1, db.count("SELECT count(*) FROM sk_catalog"));
        assertTrue(trickle.show("sk_catalog").sources().contains("pg_catalog.pg_class (system)"),
                trickle.show("sk_catalog").sources().toString());
    }

    @Test
    void statisticsAndInformationSchemaViewsAreRefreshedInFull() throws SQLException {
        assertRefusedNaming("SELECT datname FROM pg_stat_activity", "pg_catalog.pg_stat_activity", "a system view");
        assertFullEveryTime("sk_stat", "SELECT relname FROM pg_stat_user_tables WHERE relname LIKE 'sk\\_stat\\_%'",
                "pg_catalog.pg_stat_user_tables", "CREATE TABLE sk_stat_1 (a int)");
        assertFullEveryTime("sk_info", "SELECT table_name::text FROM information_schema.tables WHERE table_name LIKE 'sk\\_info\\_%'",
                "information_schema.tables", "CREATE TABLE sk_info_1 (a int)");
    }

    @Test
    void aUserViewOverACatalogIsRefreshedInFullNamingTheCatalog() throws SQLException {
        db.execute("CREATE VIEW sk_my_tables AS SELECT relname FROM pg_class WHERE relname LIKE 'sk\\_mine\\_%'");
        assertRefusedNaming("SELECT * FROM sk_my_tables", "pg_catalog.pg_class", "a system catalog");
        assertFullEveryTime("sk_mine", "SELECT * FROM sk_my_tables", "pg_catalog.pg_class", "CREATE TABLE sk_mine_1 (a int)");
    }

    @Test
    void materializedViewsAndSequencesAreRefreshedInFull() throws SQLException {
        db.execute("CREATE MATERIALIZED VIEW sk_mv AS SELECT cust, count(*) AS n FROM sk_orders GROUP BY cust",
                "CREATE SEQUENCE sk_seq");
        assertRefusedNaming("SELECT * FROM sk_mv", "public.sk_mv", "a materialized view");
        assertFullEveryTime("sk_from_mv", "SELECT * FROM sk_mv", "public.sk_mv",
                "INSERT INTO sk_orders VALUES (100, 9, 1); REFRESH MATERIALIZED VIEW sk_mv");
        assertFullEveryTime("sk_from_seq", "SELECT last_value FROM sk_seq", "public.sk_seq", "SELECT nextval('sk_seq')");
    }

    @Test
    void aForeignTableIsRefreshedInFull() throws SQLException {
        assumeTrue(db.count("SELECT count(*) FROM pg_available_extensions WHERE name = 'file_fdw'") > 0,
                "file_fdw is not available on this server");
        db.execute("CREATE EXTENSION IF NOT EXISTS file_fdw", "CREATE SERVER sk_files FOREIGN DATA WRAPPER file_fdw",
                "CREATE FOREIGN TABLE sk_foreign (line text) SERVER sk_files OPTIONS (filename '/dev/null')");
        assertRefusedNaming("SELECT line FROM sk_foreign", "public.sk_foreign", "a foreign table");
        CreateResult created = trickle.create("sk_from_foreign", "SELECT line FROM sk_foreign", null, "AUTO", true);
        assertEquals(EffectiveMode.FULL, created.effectiveMode());
        assertEquals(RefreshAction.FULL, trickle.refresh("sk_from_foreign", false).action());
    }

    @Test
    void aTemporaryTableIsRefusedInEveryMode() {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE sk_temp (a int)");
            String schema;
            try (java.sql.ResultSet rs = st.executeQuery("SELECT pg_my_temp_schema()::regnamespace::text")) {
                rs.next();
                schema = rs.getString(1);
            }
            // Named through its session's schema, the table resolves, but no refresh could read it.
            TrickleException e = assertThrows(TrickleException.InvalidInputException.class,
                    () -> trickle.create("sk_from_temp", "SELECT a FROM " + schema + ".sk_temp", null, "FULL", true));
            assertTrue(e.getMessage().contains(schema + ".sk_temp, a temporary table"), e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'sk_from_temp'"));
    }

    @Test
    void aUserViewIsExpandedAndMaintainedDifferentially() throws SQLException {
        db.execute("CREATE VIEW sk_big_orders AS SELECT o.id, o.cust, o.amount * 2 AS doubled FROM sk_orders o WHERE o.amount > 10",
                "CREATE VIEW sk_named AS SELECT b.id, b.doubled, c.name FROM sk_big_orders b JOIN sk_customers c ON c.id = b.cust");
        String query = "SELECT n.name, count(*) AS n, sum(n.doubled) AS total FROM sk_named n GROUP BY n.name";
        CreateResult created = trickle.create("sk_view", query, null, "DIFFERENTIAL", true);
        assertEquals(EffectiveMode.DIFFERENTIAL, created.effectiveMode());
        assertTrue(trickle.show("sk_view").sources().containsAll(java.util.List.of("public.sk_orders (table)",
                "public.sk_customers (table)", "public.sk_big_orders (view)", "public.sk_named (view)")),
                trickle.show("sk_view").sources().toString());
        db.execute("INSERT INTO sk_orders VALUES (31, 1, 40), (32, 2, 3)", "UPDATE sk_customers SET name = 'renamed' WHERE id = 2",
                "DELETE FROM sk_orders WHERE id = 20", "UPDATE sk_orders SET cust = 3 WHERE id = 25");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("sk_view", false).action());
        assertOracle("sk_view", query);

        db.execute("CREATE OR REPLACE VIEW sk_big_orders AS SELECT o.id, o.cust, o.amount * 3 AS doubled FROM sk_orders o"
                + " WHERE o.amount > 20");
        RefreshResult redefined = trickle.refresh("sk_view", false);
        assertEquals(RefreshAction.REINITIALIZE, redefined.action(), "a view's new definition is the query's new meaning");
        assertTrue(redefined.reason().contains("sk_big_orders"), redefined.reason());
        assertOracle("sk_view", query);
        db.execute("UPDATE sk_orders SET amount = amount + 5 WHERE id % 4 = 0");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("sk_view", false).action());
        assertOracle("sk_view", query);
        assertEquals(RefreshAction.NO_DATA, trickle.refresh("sk_view", false).action(), "a view is no reason to refresh");
    }
}
