package io.trickle.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidQueryException;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A query PostgreSQL refuses is reported where the user wrote the mistake: line and column of the
 * query as given (never the position in the engine's own probe statement), and the exception says
 * where, so an editor can mark it.
 */
class QueryErrorIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void anUnknownColumnIsReportedAtItsLineAndColumn() {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, qty int)");
        String query = "\n  SELECT id,\n         qty * 2 AS double_qty,\n         nope\n    FROM public.items";
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(db.jdbcUrl()))) {
            trickle.install();
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> trickle.validate(query, io.trickle.engine.api.RefreshMode.AUTO));
            assertEquals(query.indexOf("nope") + 1, e.position());
            assertEquals(4, e.line());
            assertEquals(10, e.column());
            assertTrue(e.getMessage().contains("column \"nope\" does not exist at line 4, column 10"), e.getMessage());
            assertFalse(e.getMessage().contains("Position"), e.getMessage());

            InvalidQueryException syntax = assertThrows(InvalidQueryException.class,
                    () -> trickle.create("broken", "SELECT id FROM public.items WHERE", null, null, true));
            assertTrue(syntax.getMessage().startsWith("the query has a syntax error: syntax error at end of input"),
                    syntax.getMessage());
        }
        CliRun run = CliRun.run("--url", db.jdbcUrl(), "create", "x", "--query", query);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("at line 4, column 10") && !run.err().contains("Position"), run.err());
    }
}
