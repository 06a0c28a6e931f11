package io.trickle.engine.bench;

import java.util.List;
import java.util.Map;

/**
 * What a run of the suite found, as {@code --json} prints it (numbers that were not measured are null).
 *
 * @param runId          the run's id, as in the CSV
 * @param server         the PostgreSQL version measured
 * @param pgIvm          "pg_ivm 1.15 available" or why it is not
 * @param pgIvmAvailable whether pg_ivm was measured
 * @param dmlMix         updates/deletes/inserts in percent
 * @param cycles         cycles per case; medians are of cycles 2 and later
 * @param mode           the mode of the measured stream tables
 * @param cases          one per scenario, size, change rate and path
 * @param noChange       refreshes with nothing to do, per size and path
 * @param capture        capture cost on narrow and wide tables
 * @param writers        concurrent writers, per count and kind of maintenance
 * @param pgIvmNotes     per scenario, why pg_ivm was not measured or what to know about it
 * @param evidence       per scenario, the explained replay of its slowest refresh
 * @param evidenceUnavailable why no refresh was explained, or null
 * @param oracleChecks   refreshes compared with their query (all matched, or the run would have failed)
 * @param csv            the CSV written
 * @param summary        the text summary written beside it
 */
public record SuiteReport(String runId, String server, String pgIvm, boolean pgIvmAvailable, String dmlMix, int cycles,
                          String mode, List<CaseResult> cases, List<NoOpResult> noChange, List<CaptureResult> capture,
                          List<WriterResult> writers, Map<String, String> pgIvmNotes, List<EvidenceResult> evidence,
                          String evidenceUnavailable, int oracleChecks, String csv,
                          String summary) {

    /**
     * One case: medians over cycles 2 and later.
     *
     * @param refreshMvMs     REFRESH MATERIALIZED VIEW
     * @param pgIvmMs         pg_ivm's maintenance inside the DML (the DML's extra time)
     * @param fullMs          Trickle's FULL twin, engine-reported
     * @param trickleMs       Trickle's measured table, engine-reported
     * @param trickleWallMs   what the caller waited for it (see the CSV's wall_ms)
     * @param writePlainMs    the cycle's DML without maintenance
     * @param writeTrickleMs  the same DML with Trickle's capture
     * @param captureUsPerRow capture's cost per changed source row
     * @param pgIvmUsPerRow   pg_ivm's cost per changed source row
     * @param maintenanceMs   Trickle's whole cost of the cycle: capture overhead plus refresh
     * @param speedup         REFRESH MV ÷ Trickle (engine-reported); above 1 Trickle is faster
     * @param wallSpeedup     REFRESH MV ÷ Trickle's wall time
     * @param actions         what Trickle's refreshes did, e.g. DIFFERENTIAL×5
     */
    public record CaseResult(String scenario, long rows, double changePct, String path, Double refreshMvMs, Double pgIvmMs,
                             Double fullMs, Double trickleMs, Double trickleWallMs, Double writePlainMs,
                             Double writeTrickleMs, Double captureUsPerRow, Double pgIvmUsPerRow, Double maintenanceMs,
                             Double speedup, Double wallSpeedup, String actions) {
    }

    /** Refreshes with nothing to do: medians of the engine's duration and of the caller's wall time. */
    public record NoOpResult(long rows, String path, Double engineMs, Double wallMs, int refreshes) {
    }

    /**
     * Capture cost on one table: statements of {@code statementRows} rows that update one column.
     *
     * @param scenario       capture_5col, capture_60col, or capture_60col_unread (the stream table does not read
     *                       the updated column)
     * @param columns        the table's width
     * @param plainMs        a statement without capture (median)
     * @param trickleMs      the same statement with Trickle's capture
     * @param captureUsPerRow (trickle − plain) per updated row
     * @param pgIvmMs        the same statement maintaining an IMMV, or null
     * @param pgIvmUsPerRow  (pg_ivm − plain) per updated row, or null
     * @param refreshMs      Trickle's refresh of the statement's changes (median, api path)
     */
    public record CaptureResult(String scenario, int columns, long rows, long statementRows, Double plainMs, Double trickleMs,
                                Double captureUsPerRow, Double pgIvmMs, Double pgIvmUsPerRow, Double refreshMs) {
    }

    /** Concurrent writers against one kind of maintenance, while the daemon keeps Trickle's tables fresh. */
    public record WriterResult(long rows, int writers, String baseline, Double latencyP50Ms, Double latencyP95Ms,
                               Double latencyP99Ms, Double writeTps, Double refreshesPerS, Double stalenessP50S,
                               Double stalenessP95S, Double stalenessMaxS) {
    }

    /**
     * A refresh replayed at the change rate of a scenario's slowest case and explained statement by
     * statement (EXPLAIN ANALYZE, BUFFERS, through auto_explain).
     *
     * @param file          the plans
     * @param refreshMs     the SQL refresh call, as the suite waited for it
     * @param dominantStep  the slowest statement inside it (its first line)
     * @param dominantMs    how long that statement took
     * @param statements    how many statements the refresh ran
     */
    public record EvidenceResult(String scenario, long rows, double changePct, String file, double refreshMs,
                                 String dominantStep, Double dominantMs, int statements) {
    }
}
