package io.trickle.engine.scheduler;

import static io.trickle.engine.scheduler.SchedulerFixture.DEADLINE;
import static io.trickle.engine.scheduler.SchedulerFixture.awaitMatches;
import static io.trickle.engine.scheduler.SchedulerFixture.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.cli.CliRun;
import io.trickle.engine.testing.Eventually;
import io.trickle.engine.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, F1 and point 6: no single stream table's catalog row, schedule, query or error stops the
 * scheduler or the command line for the others. A table whose stored state is unusable goes to
 * ERROR with a message; the rest keep their schedules.
 */
@Tag("pg15")
class FailureIsolationIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Trickle engine;

    @BeforeAll
    static void install() {
        SchedulerFixture.install(db);
        engine = SchedulerFixture.engine(db);
        source(db, "iso_src");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.at(db.jdbcUrl(), args);
    }

    @Test
    void absurdSchedulesAreRefusedWithExitTwoAndASentence() {
        for (String schedule : new String[] {"1000000000000000h", "99999999999999999999s", "9223372036854775807s",
                "106751991167301d", "0 0 30 2 *"}) {
            CliRun create = cli("create", "st_bs", "--query", "select id from iso_src", "--schedule", schedule);
            assertEquals(2, create.exitCode(), create::toString);
            assertTrue(create.err().contains("invalid schedule '" + schedule + "'"), create::toString);
            assertFalse(create.err().contains("Exception"), create::toString);
            assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"), "nothing created");
            assertEquals(0, db.count("SELECT count(*) FROM pg_class WHERE relname = 'st_bs'"));
        }
        CliRun list = cli("list");
        assertEquals(0, list.exitCode(), list::toString);
    }

    @Test
    void oneCorruptCatalogRowNeitherStopsTheSchedulerNorTheCommandLine() {
        String q = "SELECT id, v FROM public.iso_src";
        for (String name : new String[] {"iso_ok", "iso_bad_schedule", "iso_huge_schedule", "iso_bad_query", "iso_bad_mode"}) {
            assertEquals(0, cli("create", name, "--query", q, "--schedule", "1s").exitCode());
        }
        // As a careless operator would: by hand, past every check the engine makes.
        db.execute("UPDATE pgtrickle.pgt_stream_tables SET schedule = 'every now and then' WHERE pgt_name = 'iso_bad_schedule'",
                "UPDATE pgtrickle.pgt_stream_tables SET schedule = '1000000000000000h' WHERE pgt_name = 'iso_huge_schedule'",
                // The compiled refresh keeps the query it was compiled from; the stored text is read
                // again when the engine compiles the table (its sources' columns changed, another
                // engine build): as if that were due now.
                "UPDATE pgtrickle.pgt_stream_tables SET defining_query = 'SELECT nonsense FROM nowhere',"
                        + " compiled_version = NULL WHERE pgt_name = 'iso_bad_query'",
                "ALTER TABLE pgtrickle.pgt_stream_tables DROP CONSTRAINT pgt_stream_tables_refresh_mode_check",
                "UPDATE pgtrickle.pgt_stream_tables SET refresh_mode = 'SIDEWAYS' WHERE pgt_name = 'iso_bad_mode'");
        try {
            CliRun list = cli("list", "--json");
            assertEquals(0, list.exitCode(), list::toString);
            assertEquals(5, list.json().get("stream_tables").size(), list::toString);

            try (SchedulerHandle scheduler = SchedulerFixture.leading(engine)) {
                db.execute("INSERT INTO iso_src SELECT g, g, g FROM generate_series(1000, 1010) g");
                awaitMatches(db, "iso_ok", q);
                for (String broken : new String[] {"iso_bad_schedule", "iso_huge_schedule", "iso_bad_query", "iso_bad_mode"}) {
                    Eventually.await(DEADLINE, () -> "ERROR".equals(status(broken)), broken + " goes to ERROR");
                    String error = (String) db.scalar("SELECT last_error FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?",
                            broken);
                    assertTrue(error != null && !error.contains("Exception") && error.contains(broken), broken + ": " + error);
                }
                assertTrue(lastError("iso_bad_schedule").contains("every now and then"), lastError("iso_bad_schedule"));
                assertTrue(lastError("iso_bad_mode").contains("SIDEWAYS"), lastError("iso_bad_mode"));
                assertTrue(lastError("iso_bad_query").contains("nowhere"), lastError("iso_bad_query"));

                // The others keep their schedules, and the command line keeps working for them.
                CliRun alter = cli("alter", "iso_ok", "--schedule", "2s", "--json");
                assertEquals(0, alter.exitCode(), alter::toString);
                db.execute("DELETE FROM iso_src WHERE id >= 1005");
                awaitMatches(db, "iso_ok", q);
                list = cli("list", "--json");
                assertEquals(0, list.exitCode(), list::toString);
                for (JsonNode t : list.json().get("stream_tables")) {
                    if (t.get("name").asText().startsWith("iso_bad") || t.get("name").asText().startsWith("iso_huge")) {
                        assertEquals("ERROR", t.get("status").asText(), t::toString);
                    }
                }
                // A broken table is repaired through the engine and resumes.
                CliRun repair = cli("alter", "iso_bad_schedule", "--schedule", "1s");
                assertEquals(0, repair.exitCode(), repair::toString);
                assertEquals(0, cli("alter", "iso_bad_schedule", "--status", "ACTIVE").exitCode());
                awaitMatches(db, "iso_bad_schedule", q);
                Eventually.await(DEADLINE, () -> "ACTIVE".equals(status("iso_bad_schedule")), "iso_bad_schedule resumes");
            }
        } finally {
            db.execute("UPDATE pgtrickle.pgt_stream_tables SET refresh_mode = 'AUTO' WHERE refresh_mode = 'SIDEWAYS'",
                    "ALTER TABLE pgtrickle.pgt_stream_tables ADD CONSTRAINT pgt_stream_tables_refresh_mode_check"
                            + " CHECK (refresh_mode IN ('AUTO', 'FULL', 'DIFFERENTIAL'))");
        }
    }

    private static String status(String name) {
        return (String) db.scalar("SELECT status FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", name);
    }

    private static String lastError(String name) {
        return String.valueOf(db.scalar("SELECT last_error FROM pgtrickle.pgt_stream_tables WHERE pgt_name = ?", name));
    }
}
