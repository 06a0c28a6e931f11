package io.trickle.engine.bench;

import java.time.Instant;

/**
 * One measured row of the suite's CSV (DESIGN §6 and the suite's columns, see {@link SuiteCsv}).
 * Built fluently because most rows fill only some columns; numbers left unset are NaN and written as
 * empty fields.
 */
final class SuiteRow {

    Instant startedAt = Instant.now();
    String scenario;
    long rows;
    double changePct;
    String mode;
    int cycle;
    double refreshMs = Double.NaN;
    long rowsChanged;
    long stRows;
    int writers;
    Baseline baseline;
    Via via;
    double wallMs = Double.NaN;
    double writeMs = Double.NaN;
    double captureUsPerRow = Double.NaN;
    double latencyP50Ms = Double.NaN;
    double latencyP95Ms = Double.NaN;
    double latencyP99Ms = Double.NaN;
    String action = "";
    long dmlRows;
    double writeTps = Double.NaN;
    double refreshesPerS = Double.NaN;
    double stalenessP50S = Double.NaN;
    double stalenessP95S = Double.NaN;
    double stalenessMaxS = Double.NaN;
    String oracle = "";
    String note = "";

    static SuiteRow of(String scenario, long rows, double changePct, Baseline baseline, Via via, int cycle) {
        SuiteRow r = new SuiteRow();
        r.scenario = scenario;
        r.rows = rows;
        r.changePct = changePct;
        r.baseline = baseline;
        r.mode = baseline.defaultMode();
        r.via = via;
        r.cycle = cycle;
        return r;
    }

    SuiteRow startedAt(Instant v) {
        startedAt = v;
        return this;
    }

    SuiteRow mode(String v) {
        mode = v;
        return this;
    }

    SuiteRow refresh(double ms, double wall) {
        refreshMs = ms;
        wallMs = wall;
        return this;
    }

    SuiteRow measured(Measured m) {
        refreshMs = m.durationMs();
        wallMs = m.wallMs();
        rowsChanged = m.rowsChanged();
        action = m.action();
        if (m.reason() != null && !m.reason().isBlank()) {
            note = m.reason();
        }
        return this;
    }

    SuiteRow rowsChanged(long v) {
        rowsChanged = v;
        return this;
    }

    SuiteRow stRows(long v) {
        stRows = v;
        return this;
    }

    SuiteRow writers(int v) {
        writers = v;
        return this;
    }

    SuiteRow write(double ms, long dml) {
        writeMs = ms;
        dmlRows = dml;
        return this;
    }

    SuiteRow capture(double usPerRow) {
        captureUsPerRow = usPerRow;
        return this;
    }

    SuiteRow latency(double p50, double p95, double p99) {
        latencyP50Ms = p50;
        latencyP95Ms = p95;
        latencyP99Ms = p99;
        return this;
    }

    SuiteRow action(String v) {
        action = v;
        return this;
    }

    SuiteRow throughput(double tps, double refreshesPerSecond) {
        writeTps = tps;
        refreshesPerS = refreshesPerSecond;
        return this;
    }

    SuiteRow staleness(double p50, double p95, double max) {
        stalenessP50S = p50;
        stalenessP95S = p95;
        stalenessMaxS = max;
        return this;
    }

    SuiteRow oracle(String v) {
        oracle = v;
        return this;
    }

    SuiteRow note(String v) {
        note = v == null ? "" : v;
        return this;
    }
}
