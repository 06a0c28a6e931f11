package io.trickle.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench compare}: medians of cycles 2 and later, B / A, regressions of Trickle's own rows only. */
class BenchCompareTest {

    @TempDir
    Path dir;

    private static final String HEADER = BenchmarkCsv.HEADER + ",baseline,path,wall_ms";

    @Test
    void aSlowerTrickleIsARegressionAndASlowerMachineIsNot() throws Exception {
        Path a = csv("a.csv", HEADER,
                "r1,2026-01-01T00:00:00Z,scan,1000,1,DIFFERENTIAL,1,900,5,10,0,trickle,cli,1000",
                "r1,2026-01-01T00:00:00Z,scan,1000,1,DIFFERENTIAL,2,10,5,10,0,trickle,cli,1000",
                "r1,2026-01-01T00:00:00Z,scan,1000,1,DIFFERENTIAL,3,20,5,10,0,trickle,cli,1000",
                "r1,2026-01-01T00:00:00Z,scan,1000,1,FULL,2,100,5,10,0,refresh_mv,cli,100",
                "r1,2026-01-01T00:00:00Z,join,1000,1,DIFFERENTIAL,2,40,5,10,0,trickle,cli,1000");
        Path b = csv("b.csv", HEADER,
                "r2,2026-01-02T00:00:00Z,scan,1000,1,DIFFERENTIAL,2,30,5,10,0,trickle,cli,1000",
                "r2,2026-01-02T00:00:00Z,scan,1000,1,DIFFERENTIAL,3,20,5,10,0,trickle,cli,1000",
                "r2,2026-01-02T00:00:00Z,scan,1000,1,FULL,2,300,5,10,0,refresh_mv,cli,100",
                "r2,2026-01-02T00:00:00Z,join,1000,1,DIFFERENTIAL,2,41,5,10,0,trickle,cli,1000",
                "r2,2026-01-02T00:00:00Z,filter,1000,1,DIFFERENTIAL,2,41,5,10,0,trickle,cli,1000");
        BenchCompare.Result r = BenchCompare.compare(a, b, "refresh_ms", 10);
        assertEquals(3, r.lines().size());
        BenchCompare.Line scan = r.lines().get(0);
        assertEquals(15.0, scan.medianA(), "cycle 1 is left out");
        assertEquals(25.0, scan.medianB());
        assertTrue(scan.regression());
        assertFalse(r.lines().get(1).regression(), "REFRESH MV three times slower is the machine, not Trickle");
        assertFalse(r.lines().get(2).regression(), "2.5 % slower is within 10 %");
        assertEquals(1, r.regressions());
        assertEquals(1, r.onlyInB().size());
        assertTrue(BenchCompare.render(r).contains("REGRESSED"));

        CliRun run = CliRun.run("bench", "compare", a.toString(), b.toString(), "--json");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.json().get("regressions").asInt());
        assertEquals(0, CliRun.run("bench", "compare", a.toString(), b.toString(), "--threshold", "80").exitCode());
    }

    @Test
    void anOlderCsvWithoutTheSuiteColumnsIsReadByItsMode() throws Exception {
        Path a = csv("old.csv", BenchmarkCsv.HEADER,
                "r,2026-01-01T00:00:00Z,scan,1000,1,FULL,2,100,5,10,0",
                "r,2026-01-01T00:00:00Z,scan,1000,1,DIFFERENTIAL,2,10,5,10,0");
        BenchCompare.Result r = BenchCompare.compare(a, a, "refresh_ms", 10);
        assertEquals(List.of("full", "trickle"), r.lines().stream().map(BenchCompare.Line::baseline).toList());
        assertEquals(0, r.regressions());
    }

    @Test
    void whatCannotBeComparedIsRefused() throws Exception {
        Path a = csv("a.csv", HEADER);
        assertThrows(InvalidInputException.class, () -> BenchCompare.compare(a, a, "st_rows", 10));
        Path notCsv = csv("n.csv", "a,b,c", "1,2,3");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BenchCompare.compare(notCsv, a, "refresh_ms", 10));
        assertTrue(e.getMessage().contains("run_id"), e.getMessage());
        assertEquals(2, CliRun.run("bench", "compare", dir.resolve("missing.csv").toString(), a.toString()).exitCode());
    }

    private Path csv(String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }
}
