package io.trickle.engine.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The suite's CSV: DESIGN §6's columns, then the suite's own.
 * <ul>
 *   <li>{@code baseline}: what the row measures: {@code trickle} (the stream table in the suite's mode),
 *       {@code full} (Trickle's FULL twin), {@code refresh_mv} (REFRESH MATERIALIZED VIEW), {@code pg_ivm}
 *       (an IMMV, maintained inside the DML), {@code plain} (the DML alone, no maintenance).</li>
 *   <li>{@code path}: how Trickle refreshed in that part of the run (cli, daemon, api); the baselines
 *       measured beside it carry the same path, so ratios are taken within one part.</li>
 *   <li>{@code refresh_ms}: Trickle's own duration (the history's, the database clock); for refresh_mv the
 *       REFRESH statement; for pg_ivm its maintenance, the DML's time minus the same DML on the plain copy.</li>
 *   <li>{@code wall_ms}: what the caller waited: the in-process call, the whole {@code trickle refresh}
 *       process (JVM start included), or for the daemon the time from the commit of the changes to the
 *       end of its refresh.</li>
 *   <li>{@code write_ms}: the cycle's DML on the copy this row's maintenance reads (one transaction).</li>
 *   <li>{@code capture_us_per_row}: for trickle, change capture's cost per changed source row
 *       ((write_ms − plain write_ms) / dml_rows); for pg_ivm, its in-transaction maintenance per row.</li>
 *   <li>{@code latency_p50_ms}, {@code latency_p95_ms}, {@code latency_p99_ms}, {@code write_tps}: the
 *       concurrent writers' transactions (scenario {@code writers}); {@code refreshes_per_s} and
 *       {@code staleness_p50_s}, {@code staleness_p95_s}, {@code staleness_max_s}: the daemon keeping up
 *       meanwhile (staleness = now − last refresh, sampled).</li>
 *   <li>{@code action}: what the engine did (DIFFERENTIAL, FULL, NO_DATA, …); {@code dml_rows}: source
 *       rows the cycle changed; {@code oracle}: {@code ok} when the refreshed table was compared with its
 *       query and matched; {@code note}: the engine's reason for a fallback, or what else the row needs
 *       said.</li>
 * </ul>
 */
final class SuiteCsv implements AutoCloseable {

    static final List<String> COLUMNS = List.of("baseline", "path", "wall_ms", "write_ms", "capture_us_per_row",
            "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "action", "dml_rows", "write_tps", "refreshes_per_s",
            "staleness_p50_s", "staleness_p95_s", "staleness_max_s", "oracle", "note");

    private final BenchmarkCsv csv;
    private final String runId;

    SuiteCsv(Path file, String runId) throws IOException {
        this.csv = new BenchmarkCsv(file, COLUMNS);
        this.runId = runId;
    }

    void write(SuiteRow r) throws IOException {
        csv.write(new BenchmarkCsv.Row(runId, r.startedAt, r.scenario, r.rows, r.changePct, r.mode, r.cycle,
                        Double.isNaN(r.refreshMs) ? 0 : r.refreshMs, r.rowsChanged, r.stRows, r.writers),
                r.baseline.csvName(), r.via == null ? "" : r.via.csvName(), num(r.wallMs), num(r.writeMs),
                num(r.captureUsPerRow), num(r.latencyP50Ms), num(r.latencyP95Ms), num(r.latencyP99Ms), r.action,
                r.dmlRows == 0 ? "" : Long.toString(r.dmlRows), num(r.writeTps), num(r.refreshesPerS),
                num(r.stalenessP50S), num(r.stalenessP95S), num(r.stalenessMaxS), r.oracle, r.note);
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
