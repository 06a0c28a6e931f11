package io.trickle.engine.refresh;

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
 * Equality that is not byte equality (issue 19, point 2). Grouping, DISTINCT and row identity follow
 * PostgreSQL's equality — a case-insensitive ICU collation, numeric scales, the two float zeros —
 * while what the table holds is what the query yields: a value replaced by an equal one written
 * differently ('a' by 'A', 1.0 by 1.00, 0 by -0) reaches the table instead of cancelling out. The
 * oracle corpus (set issue19) covers the operators; these tests check the images to the byte.
 */
@Tag("pg15")
class EqualityIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(4));
        trickle.install();
        db.execute("CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                "CREATE TABLE eq_keyed (id int PRIMARY KEY, name text COLLATE ci, qty numeric, r double precision)",
                "INSERT INTO eq_keyed VALUES (1, 'a', 1.0, 0), (2, 'Straße', 2.50, 1.5), (3, NULL, NULL, NULL)",
                "CREATE TABLE eq_keyless (name text COLLATE ci, qty numeric)",
                "INSERT INTO eq_keyless VALUES ('a', 1.0), ('A', 1.00), ('a', 1.0), ('b', 2)");
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    private static void assertImages(String st, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", st, query);
            Oracle.assertSameImages(c, "public", st, query);
        }
    }

    @Test
    void anEqualValueWrittenDifferentlyReplacesTheOldOneInAKeyedTable() throws SQLException {
        String q = "SELECT id, name, qty, r FROM eq_keyed";
        trickle.create("eq_keyed_st", q, null, "DIFFERENTIAL", true);
        db.execute("UPDATE eq_keyed SET name = 'A', qty = 1.00, r = '-0' WHERE id = 1",
                "UPDATE eq_keyed SET name = 'STRASSE', qty = 2.5 WHERE id = 2");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("eq_keyed_st", false).action());
        assertImages("eq_keyed_st", q);
        assertEquals("A", db.scalar("SELECT name FROM eq_keyed_st WHERE id = 1"));
        assertEquals("-0", db.scalar("SELECT r::text FROM eq_keyed_st WHERE id = 1"));
    }

    @Test
    void aKeylessTableKeepsTheImagesItsRowsHave() throws SQLException {
        String q = "SELECT name, qty FROM eq_keyless";
        trickle.create("eq_keyless_st", q, null, "DIFFERENTIAL", true);
        db.execute("DELETE FROM eq_keyless WHERE ctid IN (SELECT ctid FROM eq_keyless WHERE name = 'A' COLLATE \"C\")",
                "UPDATE eq_keyless SET qty = 2.00 WHERE name = 'b'", "INSERT INTO eq_keyless VALUES ('B', 2.0)");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("eq_keyless_st", false).action());
        assertImages("eq_keyless_st", q);
    }

    @Test
    void groupsFollowEqualityAndAFloatZeroIsNotANull() throws SQLException {
        db.execute("CREATE TABLE eq_floats (id int PRIMARY KEY, x double precision, name text COLLATE ci)",
                "INSERT INTO eq_floats VALUES (1, 0, 'a'), (2, NULL, 'A'), (3, '-0', 'b')");
        String byFloat = "SELECT x, count(*) AS n FROM eq_floats GROUP BY x";
        String byName = "SELECT name, count(*) AS n, sum(x) AS total FROM eq_floats GROUP BY name";
        trickle.create("eq_by_float", byFloat, null, "DIFFERENTIAL", true);
        trickle.create("eq_by_name", byName, null, "DIFFERENTIAL", true);
        assertEquals(2, db.count("SELECT count(*) FROM eq_by_float"), "0 and -0 are one group, NULL another");
        assertEquals(2, db.count("SELECT count(*) FROM eq_by_name"), "'a' and 'A' are one group");
        db.execute("INSERT INTO eq_floats VALUES (4, NULL, 'B'), (5, 0, 'A')", "UPDATE eq_floats SET x = NULL WHERE id = 1",
                "DELETE FROM eq_floats WHERE id = 2");
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("eq_by_float", false).action());
        assertEquals(RefreshAction.DIFFERENTIAL, trickle.refresh("eq_by_name", false).action());
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "public", "eq_by_float", byFloat);
            Oracle.assertMatches(c, "public", "eq_by_name", byName);
        }
    }
}
