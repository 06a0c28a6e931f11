package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkCsvReaderTest {

    private static final Path FILE = Path.of("runs", "tpch.csv");

    @Test
    void readsTheColumnsOfDesignSixAndTheExtrasAfterThem() {
        BenchmarkRun run = BenchmarkCsvReader.parse(FILE, List.of(
                "run_id,started_at,scenario,rows,change_pct,mode,cycle,refresh_ms,rows_changed,st_rows,writers,action,note",
                "tpch-1,2026-03-01T10:00:01.5Z,q01,600000,0.5,AUTO,1,12.500,40,4,0,DIFFERENTIAL,\"a, \"\"quoted\"\" note\"",
                "tpch-1,2026-03-01T10:00:00Z,q01,600000,0.5,full,1,250,40,4,0,FULL,",
                ""));
        assertEquals("tpch-1", run.runId());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), run.startedAt(), "the earliest cycle");
        assertEquals(List.of("action", "note"), run.extraColumns());
        BenchmarkRun.Row first = run.rows().get(0);
        assertEquals("q01", first.scenario());
        assertEquals(600000, first.rows());
        assertEquals(0.5, first.changePct());
        assertEquals(12.5, first.refreshMs());
        assertEquals(Map.of("action", "DIFFERENTIAL", "note", "a, \"quoted\" note"), first.extras());
        assertEquals("FULL", run.rows().get(1).mode(), "modes are upper case");
    }

    @Test
    void columnsMayComeInAnyOrder() {
        BenchmarkRun run = BenchmarkCsvReader.parse(FILE, List.of(
                "mode,cycle,refresh_ms,run_id,started_at,scenario,rows,change_pct,rows_changed,st_rows,writers",
                "DIFFERENTIAL,3,7.25,r,2026-03-01T10:00:00Z,scan,100,1,2,98,0"));
        assertEquals(3, run.rows().get(0).cycle());
        assertEquals(7.25, run.rows().get(0).refreshMs());
    }

    @Test
    void refusesAFileThatIsNotABenchmarkCsvNamingWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkCsvReader.parse(FILE,
                List.of("name,value", "a,1")));
        assertTrue(e.getMessage().startsWith("tpch.csv is not a benchmark CSV"), e.getMessage());
        assertTrue(e.getMessage().contains("refresh_ms"), e.getMessage());
    }

    @Test
    void namesTheLineAndColumnOfABadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkCsvReader.parse(FILE,
                List.of(String.join(",", BenchmarkCsvReader.COLUMNS),
                        "r,2026-03-01T10:00:00Z,scan,100,1,FULL,1,5,2,98,0",
                        "r,2026-03-01T10:00:00Z,scan,100,1,FULL,two,5,2,98,0")));
        assertEquals("tpch.csv, line 3: cycle should be a whole number, not 'two'", e.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> BenchmarkCsvReader.parse(FILE,
                List.of(String.join(",", BenchmarkCsvReader.COLUMNS), "r,yesterday,scan,100,1,FULL,1,5,2,98,0")));
        assertTrue(time.getMessage().contains("line 2: started_at should be an ISO-8601 UTC time"), time.getMessage());
    }

    @Test
    void refusesEmptyFilesAndHeadersWithoutRows() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkCsvReader.parse(FILE, List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkCsvReader.parse(FILE,
                List.of(String.join(",", BenchmarkCsvReader.COLUMNS))));
        assertTrue(e.getMessage().contains("no measured cycle"), e.getMessage());
    }

    @Test
    void readsWhatTheEngineWrites() throws Exception {
        BenchmarkRun run = BenchmarkCsvReader.read(Path.of("src/test/resources/bench/core-200k-1pct.csv"));
        assertTrue(run.runId().startsWith("core-"), run.runId());
        assertEquals(List.of("scan", "aggregate", "join", "no_change"),
                run.rows().stream().map(BenchmarkRun.Row::scenario).distinct().toList());
    }
}
