package io.trickle.engine.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.SqlConsole;
import io.trickle.engine.api.StatementResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL console: read-only unless switched, and then nothing a DBA types — a write, a
 * data-modifying CTE, a function that writes, a way out of the read-only transaction — changes a
 * row; read-write runs statements as psql would; a long statement can be cancelled.
 */
@Tag("pg15")
class SqlConsoleIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle trickle;

    @BeforeAll
    static void install() {
        trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()).withMaxConnections(2));
        db.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)",
                "INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 50) g",
                "CREATE SEQUENCE ticket_seq",
                "CREATE FUNCTION forget_notes() RETURNS bigint LANGUAGE sql AS 'WITH d AS (DELETE FROM notes RETURNING 1)"
                        + " SELECT count(*) FROM d'");
    }

    @AfterAll
    static void close() {
        trickle.close();
    }

    @Test
    void readsRowsAndKeepsAtMostTheLimit() {
        try (SqlConsole console = trickle.openConsole(true)) {
            List<StatementResult> out = console.run("SELECT id, body FROM notes ORDER BY id; SELECT NULL::int AS nothing",
                    10);
            assertEquals(2, out.size());
            StatementResult first = out.get(0);
            assertEquals("SELECT id, body FROM notes ORDER BY id", first.sql());
            assertEquals(List.of("id", "body"), first.columns().stream().map(c -> c.name()).toList());
            assertEquals(10, first.rows().size());
            assertTrue(first.truncated(), "50 rows, 10 kept");
            assertEquals(List.of("1", "note 1"), first.rows().get(0));
            assertNull(out.get(1).rows().get(0).get(0));
        }
    }

    @Test
    void readOnlyRefusesWritesBeforeRunningAnything() {
        try (SqlConsole console = trickle.openConsole(true)) {
            assertTrue(console.isReadOnly());
            for (String script : List.of("DELETE FROM notes", "SELECT 1; DELETE FROM notes",
                    "SET TRANSACTION READ WRITE; DELETE FROM notes", "COMMIT; DELETE FROM notes",
                    "SET default_transaction_read_only = off", "DO 'BEGIN DELETE FROM notes; END'",
                    "/* a comment first */ TRUNCATE notes")) {
                InvalidInputException refused = assertThrows(InvalidInputException.class, () -> console.run(script, 10),
                        script);
                assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
            }
            // Statements that read may still try to write; PostgreSQL refuses inside the READ ONLY transaction.
            for (String sneaky : List.of("WITH d AS (DELETE FROM notes RETURNING *) SELECT count(*) FROM d",
                    "SELECT forget_notes()", "SELECT nextval('ticket_seq')",
                    "EXPLAIN ANALYZE DELETE FROM notes")) {
                StatementResult r = console.run(sneaky, 10).get(0);
                assertTrue(r.failed() && r.error().contains("read-only transaction"), sneaky + ": " + r);
            }
            assertEquals(List.of("50"), console.run("SELECT count(*) FROM notes", 1).get(0).rows().get(0), "still reads");
        }
        assertEquals(50, db.count("SELECT count(*) FROM notes"), "no row was deleted");
        assertEquals(1, db.count("SELECT count(*) FROM pg_sequences WHERE sequencename = 'ticket_seq' AND last_value IS NULL"),
                "the sequence never moved");
    }

    @Test
    void readWriteRunsStatementsAndStopsAtTheFirstError() {
        try (SqlConsole console = trickle.openConsole(true)) {
            console.setReadOnly(false);
            List<StatementResult> out = console.run("INSERT INTO notes VALUES (100, 'new'); "
                    + "UPDATE notes SET body = 'changed' WHERE id >= 100; INSERT INTO notes VALUES (100, 'twice'); "
                    + "DELETE FROM notes WHERE id = 100", 10);
            assertEquals(3, out.size(), "the duplicate key stops the script");
            assertEquals(1, out.get(0).updateCount());
            assertEquals(1, out.get(1).updateCount());
            assertTrue(out.get(2).failed() && out.get(2).error().contains("duplicate key"), out.get(2).toString());
            console.setReadOnly(true);
            assertThrows(InvalidInputException.class, () -> console.run("DELETE FROM notes WHERE id = 100", 10));
        }
        assertEquals(List.of("changed"), db.strings("SELECT body FROM notes WHERE id = 100"));
        db.execute("DELETE FROM notes WHERE id = 100");
    }

    @Test
    void aRunningStatementIsCancelled() throws Exception {
        try (SqlConsole console = trickle.openConsole(true)) {
            CompletableFuture<List<StatementResult>> run = CompletableFuture.supplyAsync(
                    () -> console.run("SELECT pg_sleep(30) AS slept", 10));
            Eventually.await(Duration.ofSeconds(20), () -> db.count("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'") == 1, "the statement runs");
            console.cancel();
            StatementResult r = run.get(20, TimeUnit.SECONDS).get(0);
            assertTrue(r.failed() && r.error().contains("cancel"), r.toString());
            assertFalse(console.run("SELECT 1", 1).get(0).failed(), "the session is usable afterwards");
        }
    }
}
