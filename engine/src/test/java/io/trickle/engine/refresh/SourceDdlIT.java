package io.trickle.engine.refresh;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.AlterRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.oracle.Oracle;
import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Source DDL under a live stream table (DESIGN §2), all done by a role that is not a superuser and
 * owns its tables; the application writes through another role that may only write the sources.
 * The application's writes must never fail, before or after the DDL.
 */
class SourceDdlIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static String ownerUrl;
    private static String writerUrl;
    private static Trickle trickle;

    @BeforeAll
    static void roles() throws SQLException {
        ownerUrl = db.createPlainRole("ddl_owner", "owner-pw", true);
        writerUrl = db.createPlainRole("ddl_writer", "writer-pw", false);
        db.execute("ALTER SCHEMA public OWNER TO ddl_owner");
        trickle = Trickle.open(EngineOptions.forUrl(ownerUrl));
        trickle.install();
        assertEquals(false, db.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = 'ddl_owner'"));
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    private static void owner(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ownerUrl); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** The application's write: must succeed whatever DDL happened. */
    private static void write(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(writerUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void source(String table) throws SQLException {
        owner("CREATE TABLE " + table + " (id int PRIMARY KEY, v int, extra text)",
                "INSERT INTO " + table + " SELECT i, i * 10, 'x' FROM generate_series(1, 10) i",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON " + table + " TO ddl_writer");
    }

    private static void assertOracle(String st, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(ownerUrl)) {
            Oracle.assertMatches(c, "public", st, query);
        }
    }

    @Test
    void anAddedColumnIsAbsorbed() throws SQLException {
        source("add_src");
        String q = "SELECT id, v FROM add_src";
        trickle.create(CreateRequest.of("add_st", q).mode(RefreshMode.DIFFERENTIAL));
        owner("ALTER TABLE add_src ADD COLUMN later int DEFAULT 7");
        write("INSERT INTO add_src (id, v, later) VALUES (11, 110, 1)");
        write("UPDATE add_src SET v = v + 1, later = 2 WHERE id = 1");
        RefreshResult r = trickle.refresh("add_st");
        assertEquals(RefreshAction.DIFFERENTIAL, r.action());
        assertOracle("add_st", q);
        owner("ALTER TABLE add_src DROP COLUMN extra");
        write("DELETE FROM add_src WHERE id = 2");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("add_st").action(), "an unused column may go");
        assertOracle("add_st", q);
    }

    @Test
    void aRetypedColumnReinitialisesTheTable() throws SQLException {
        source("type_src");
        String q = "SELECT id, v, v * 2 AS twice FROM type_src";
        trickle.create(CreateRequest.of("type_st", q).mode(RefreshMode.DIFFERENTIAL));
        write("UPDATE type_src SET v = 5 WHERE id = 1");
        owner("ALTER TABLE type_src ALTER COLUMN v TYPE bigint");
        write("INSERT INTO type_src (id, v) VALUES (12, 5000000000)");
        RefreshResult r = trickle.refresh("type_st");
        assertEquals(RefreshAction.REINITIALIZE, r.action());
        // Which source, which column, and how (issue 18).
        assertTrue(r.reason().contains("source public.type_src changed (column v was retyped from integer to bigint)"),
                r.reason());
        assertEquals("bigint", db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'type_st'::regclass AND attname = 'v'"));
        assertOracle("type_st", q);
        write("UPDATE type_src SET v = 1 WHERE id = 12");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("type_st").action());
        assertOracle("type_st", q);
    }

    @Test
    void aRenamedColumnPutsTheTableInErrorNamingTheColumnUntilItsQueryIsAltered() throws SQLException {
        source("ren_src");
        trickle.create(CreateRequest.of("ren_st", "SELECT id, v FROM ren_src").mode(RefreshMode.DIFFERENTIAL));
        owner("ALTER TABLE ren_src RENAME COLUMN v TO value");
        write("INSERT INTO ren_src (id, value) VALUES (13, 130)");
        TrickleException e = assertThrows(TrickleException.class, () -> trickle.refresh("ren_st"));
        assertTrue(e.getMessage().contains("\"v\""), e.getMessage());
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'ren_st'"));
        write("UPDATE ren_src SET value = 1 WHERE id = 1");

        String fixed = "SELECT id, value AS v FROM ren_src";
        trickle.alter(AlterRequest.of("ren_st").query(fixed));
        assertEquals("ACTIVE", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'ren_st'"));
        assertOracle("ren_st", fixed);
    }

    @Test
    void aRetypeThatBreaksTheQuerySaysWhichChangeBrokeIt() throws SQLException {
        source("sum_src");
        trickle.create("sum_st", "SELECT sum(v) AS total FROM sum_src", null, "DIFFERENTIAL", true);
        owner("ALTER TABLE sum_src ALTER COLUMN v TYPE text");
        write("INSERT INTO sum_src (id, v) VALUES (15, '150')");
        TrickleException e = assertThrows(TrickleException.class, () -> trickle.refresh("sum_st", false));
        assertTrue(e.getMessage().contains("no longer resolves after source public.sum_src changed (column v was retyped"
                + " from integer to text)") && e.getMessage().contains("sum(text)"), e.getMessage());
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'sum_st'"));
    }

    @Test
    void aDroppedColumnThatIsUsedPutsTheTableInError() throws SQLException {
        source("dropcol_src");
        trickle.create(CreateRequest.of("dropcol_st", "SELECT id, v FROM dropcol_src").mode(RefreshMode.DIFFERENTIAL));
        owner("ALTER TABLE dropcol_src DROP COLUMN v");
        write("INSERT INTO dropcol_src (id) VALUES (14)");
        TrickleException e = assertThrows(TrickleException.class, () -> trickle.refresh("dropcol_st"));
        assertTrue(e.getMessage().contains("\"v\""), e.getMessage());
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'dropcol_st'"));
    }

    @Test
    void aDroppedSourcePutsItsReadersInErrorNamingIt() throws SQLException {
        source("gone_src");
        trickle.create(CreateRequest.of("gone_st", "SELECT id, v FROM gone_src").mode(RefreshMode.DIFFERENTIAL));
        trickle.create(CreateRequest.of("gone_down", "SELECT count(*) AS n FROM gone_st").mode(RefreshMode.DIFFERENTIAL));
        owner("DROP TABLE gone_src");
        TrickleException e = assertThrows(TrickleException.class, () -> trickle.refresh("gone_st"));
        assertTrue(e.getMessage().contains("gone_src") && e.getMessage().contains("dropped"), e.getMessage());
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'gone_st'"));
        assertEquals("source public.gone_src was dropped",
                db.scalar("SELECT last_error FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'gone_st'"));
        assertEquals("ERROR", db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'gone_down'"));
        assertTrue(String.valueOf(db.scalar("SELECT last_error FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'gone_down'"))
                .contains("gone_src was dropped"));
        trickle.drop("gone_st", true);
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables WHERE pgt_name LIKE 'gone%'"));
    }

    @Test
    void aRenamedSourceKeepsItsReadersWorkingUnderTheNewName() throws SQLException {
        source("old_name");
        source("partner");
        String q = "SELECT old_name.id, old_name.v, p.extra FROM old_name LEFT JOIN partner p ON p.id = old_name.v / 10";
        trickle.create("rename_st", q, null, "DIFFERENTIAL", true);
        trickle.create("rename_down", "SELECT count(*) AS n, sum(v) AS total FROM rename_st", null, "DIFFERENTIAL", true);
        owner("ALTER TABLE old_name RENAME TO new_name", "ALTER TABLE partner RENAME TO old_name");
        write("INSERT INTO new_name VALUES (20, 30, 'y')");
        write("UPDATE old_name SET extra = 'renamed' WHERE id = 3");
        RefreshResult r = trickle.refresh("rename_st", false);
        assertEquals(RefreshAction.DIFFERENTIAL, r.action(), "a rename is no reason to recompute");
        String now = "SELECT n.id, n.v, p.extra FROM new_name n LEFT JOIN old_name p ON p.id = n.v / 10";
        assertOracle("rename_st", now);
        assertTrue(String.valueOf(db.scalar("SELECT defining_query FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'rename_st'"))
                .contains("new_name"), "the stored query follows the names");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("rename_down", false).action());
        assertOracle("rename_down", "SELECT count(*) AS n, sum(v) AS total FROM rename_st");
        write("DELETE FROM new_name WHERE id = 1");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("rename_st", false).action());
        assertOracle("rename_st", now);
        assertTrue(trickle.show("rename_st").sources().toString().contains("public.new_name"));
    }

    @Test
    void aRenamedOrMovedSchemaKeepsItsStreamTablesAndTheirReadersWorking() throws SQLException {
        owner("CREATE SCHEMA app", "GRANT USAGE ON SCHEMA app TO ddl_writer", "CREATE SCHEMA archive",
                "GRANT USAGE ON SCHEMA archive TO ddl_writer");
        owner("CREATE TABLE app.orders (id int PRIMARY KEY, amount int)", "INSERT INTO app.orders SELECT i, i FROM generate_series(1, 5) i",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON app.orders TO ddl_writer");
        trickle.create("app.order_sums", "SELECT id % 2 AS odd, sum(amount) AS total FROM app.orders GROUP BY 1", null,
                "DIFFERENTIAL", true);
        trickle.create("order_count", "SELECT count(*) AS n, sum(total) AS total FROM app.order_sums", null, "DIFFERENTIAL",
                true);
        owner("ALTER SCHEMA app RENAME TO shop");
        write("INSERT INTO shop.orders VALUES (6, 60)");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("shop.order_sums", false).action(),
                "the stream table is found by its table's new name");
        assertEquals("shop", db.scalar("SELECT pgt_schema FROM pgtrickle.pgt_stream_tables WHERE pgt_name = 'order_sums'"));
        try (Connection c = DriverManager.getConnection(ownerUrl)) {
            Oracle.assertMatches(c, "shop", "order_sums", "SELECT id % 2 AS odd, sum(amount) AS total FROM shop.orders GROUP BY 1");
        }
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("order_count", false).action());
        assertOracle("order_count", "SELECT count(*) AS n, sum(total) AS total FROM shop.order_sums");

        owner("ALTER TABLE shop.orders SET SCHEMA archive");
        write("UPDATE archive.orders SET amount = amount + 1");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("shop.order_sums", false).action());
        try (Connection c = DriverManager.getConnection(ownerUrl)) {
            Oracle.assertMatches(c, "shop", "order_sums", "SELECT id % 2 AS odd, sum(amount) AS total FROM archive.orders GROUP BY 1");
        }
    }
}
