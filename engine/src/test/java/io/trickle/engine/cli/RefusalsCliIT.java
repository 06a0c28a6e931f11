package io.trickle.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, F11–F13: input a careless operator gives is refused with exit 2 and one sentence — no
 * Java exception, no stack trace — before anything changes.
 */
@Tag("pg15")
class RefusalsCliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void install() {
        assertEquals(0, cli("install").exitCode());
        db.execute("CREATE TABLE refusal_src (id int PRIMARY KEY, v int)", "INSERT INTO refusal_src VALUES (1, 1), (2, 2)");
    }

    private static CliRun cli(String... args) {
        return CliRun.at(db.jdbcUrl(), args);
    }

    private static void assertRefused(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(expected), run::toString);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run::toString);
        assertTrue(run.err().length() < 1000, "one sentence, not the input back: " + run.err().length() + " characters");
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"), "nothing was created");
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_change_tracking"), "no capture was installed");
    }

    @Test
    void aNameLongerThanPostgresKeepsIsRefused() {
        String seventy = "n".repeat(70);
        assertRefused(cli("create", seventy, "--query", "SELECT id FROM refusal_src"), "at most 63 bytes");
        assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'nnnnnnnnnn%'"));
        assertRefused(cli("create", "x".repeat(100_000), "--query", "SELECT id FROM refusal_src"), "at most 63 bytes");
        assertRefused(cli("refresh", "y".repeat(100_000)), "at most 63 bytes");
    }

    @Test
    void streamTablesCannotLiveInOrReadFromTricklesOwnSchemas() {
        assertRefused(cli("create", "pgtrickle.st", "--query", "SELECT id FROM refusal_src"), "holds Trickle's own catalog");
        assertRefused(cli("create", "pgtrickle_changes.st", "--query", "SELECT id FROM refusal_src"),
                "holds Trickle's own catalog");
        assertRefused(cli("create", "reads_catalog", "--query", "SELECT key, value FROM pgtrickle.pgt_settings"),
                "part of Trickle's own catalog");
        // A system catalog is refreshed in full (issue 19); differential maintenance of one is refused.
        assertRefused(cli("create", "reads_pg_class", "--query", "SELECT oid, relname FROM pg_catalog.pg_class",
                "--mode", "DIFFERENTIAL"), "a system catalog");
    }

    @Test
    void aQueryThatWritesIsRefused() {
        assertRefused(cli("create", "st_writes", "--query", "with d as (delete from refusal_src returning id) select id from d"),
                "cannot modify data");
        assertEquals(2, db.count("SELECT count(*) FROM refusal_src"), "nothing was deleted");
    }

    @Test
    void anotherSessionsTemporaryTableIsRefused() throws Exception {
        try (Connection other = db.connect(); Statement st = other.createStatement()) {
            st.execute("CREATE TEMP TABLE someone_elses (id int)");
            String schema;
            try (ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            assertRefused(cli("create", "st_temp", "--query", "SELECT id FROM " + schema + ".someone_elses"),
                    "a temporary table");
        }
    }
}
