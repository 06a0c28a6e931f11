package io.trickle.engine.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.cli.CliRun;
import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code trickle bench tpch}, not a measurement: bad options are refused before
 * anything changes, a schema the benchmark did not create is never touched, and a tiny run writes the
 * CSV of DESIGN §6 and leaves nothing behind.
 */
@Tag("tpch")
class TpchBenchCliIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void badOptionsAreRefusedBeforeConnecting() {
        assertEquals(2, CliRun.run("bench", "tpch", "--url", db.jdbcUrl(), "--queries", "q23").exitCode());
        assertEquals(2, CliRun.run("bench", "tpch", "--url", db.jdbcUrl(), "--cycles", "1").exitCode());
        assertEquals(2, CliRun.run("bench", "tpch", "--url", db.jdbcUrl(), "--scale", "0").exitCode());
    }

    @Test
    void aSchemaTheBenchmarkDidNotCreateIsLeftAlone() {
        db.execute("CREATE SCHEMA mine", "CREATE TABLE mine.keep (id int)");
        CliRun run = CliRun.run("bench", "tpch", "--url", db.jdbcUrl(), "--schema", "mine", "--scale", "0.001",
                "--cycles", "2", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("\"mine\""), run.toString());
        assertEquals(1, db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'mine'"));
    }

    @Test
    void aTinyRunWritesOneCsvRowPerRefreshAndDropsItsSchema() throws Exception {
        Path csv = dir.resolve("tpch.csv");
        CliRun run = CliRun.run("bench", "tpch", "--url", db.jdbcUrl(), "--schema", "bench smoke", "--scale", "0.001",
                "--cycles", "2", "--queries", "q01,q04", "--out", csv.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run_id,started_at,scenario,rows,change_pct,mode,cycle,refresh_ms,rows_changed,st_rows,writers,"
                + "action,effective_mode,seed", lines.get(0));
        assertEquals(1 + 2 * 2 * 2, lines.size(), "two queries, two twins, two cycles");
        assertTrue(run.out().contains("q01") && run.out().contains("q04"), run.toString());
        assertTrue(Files.exists(dir.resolve("tpch-summary.txt")));
        assertEquals(0, db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'bench smoke'"));
        assertEquals(0, db.count("SELECT count(*) FROM pgtrickle.pgt_stream_tables"));
    }
}
