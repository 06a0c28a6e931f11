package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The change cycles of one case (a scenario at one size and change rate, along one path). Each cycle
 * changes the same orders in every copy, one transaction per copy, then brings each kind of
 * maintenance up to date and records it: REFRESH MATERIALIZED VIEW, pg_ivm (already done inside the
 * DML), Trickle's FULL twin and Trickle's measured table. Both stream tables are checked by the
 * oracle after every refresh; a mismatch stops the run.
 */
final class CaseCycles {

    /** Where the rows go: the CSV and the summary. */
    interface Recorder {
        void record(SuiteRow row) throws IOException;
    }

    private final Connection c;
    private final ScenarioViews views;
    private final TrickleRefresher refresher;
    private final RefreshHistory history;
    private final SuiteOptions options;
    private final Recorder recorder;
    private final Progress progress;

    CaseCycles(Connection c, ScenarioViews views, TrickleRefresher refresher, SuiteOptions options, Recorder recorder,
               Progress progress) {
        this.c = c;
        this.views = views;
        this.refresher = refresher;
        this.history = new RefreshHistory(c);
        this.options = options;
        this.recorder = recorder;
        this.progress = progress;
    }

    /** Runs the cycles of one change rate. */
    void run(long rows, double changePct, LiveIds live, SplittableRandom random) throws SQLException, IOException {
        long customers = OrdersData.customersFor(rows);
        long changed = Math.max(1, Math.round(rows * changePct / 100.0));
        long[] split = options.mix().split(changed);
        long blockMark = history.mark();
        for (int cycle = 1; cycle <= options.cycles(); cycle++) {
            CycleChanges changes = live.next(random, split[0], split[1], split[2]);
            Instant started = Instant.now();
            Map<Copy, Double> writeMs = new EnumMap<>(Copy.class);
            Measured diff;
            Measured full;
            double mvMs;
            if (refresher.via() == Via.DAEMON) {
                // The daemon refreshes as soon as the changes commit: everything else is done first, so
                // that nothing the suite does runs beside the daemon's refresh.
                writeMs.put(Copy.PLAIN, changes.apply(c, Copy.PLAIN.in(views.schema), customers));
                writeMs.put(Copy.IVM, changes.apply(c, Copy.IVM.in(views.schema), customers));
                mvMs = refreshMv();
                long mark = history.mark();
                writeMs.put(Copy.TRICKLE, changes.apply(c, Copy.TRICKLE.in(views.schema), customers));
                Instant committed = history.now();
                diff = refresher.refresh(new RefreshCall(views.streamTable(), true, mark, committed));
                full = refresher.refresh(new RefreshCall(views.fullTwin(), false, 0, null));
            } else {
                // Whoever goes second finds the other's pages cached; rotating the order keeps that out of the medians.
                List<Copy> copies = rotate(List.of(Copy.PLAIN, Copy.IVM, Copy.TRICKLE), cycle);
                for (Copy copy : copies) {
                    writeMs.put(copy, changes.apply(c, copy.in(views.schema), customers));
                }
                double[] mv = {Double.NaN};
                Measured[] got = new Measured[2];
                for (int step : rotate(List.of(0, 1, 2), cycle)) {
                    switch (step) {
                        case 0 -> mv[0] = refreshMv();
                        case 1 -> got[0] = refresher.refresh(new RefreshCall(views.streamTable(), false, 0, null));
                        default -> got[1] = refresher.refresh(new RefreshCall(views.fullTwin(), false, 0, null));
                    }
                }
                mvMs = mv[0];
                diff = got[0];
                full = got[1];
                Isolation.requireOnlyOwnRefreshes(history, views.schema, blockMark);
            }
            String diffOracle = check(views.streamTableSql(), views.streamTable(), cycle);
            String fullOracle = check(views.fullTwinSql(), views.fullTwin(), cycle);
            long dml = changes.rows();
            double plain = writeMs.get(Copy.PLAIN);
            double trickleWrite = writeMs.get(Copy.TRICKLE);
            String scenario = views.scenario.csvName();
            Via via = refresher.via();
            recorder.record(SuiteRow.of(scenario, rows, changePct, Baseline.REFRESH_MV, via, cycle).startedAt(started)
                    .refresh(mvMs, mvMs).write(plain, dml).rowsChanged(dml)
                    .stRows(ScenarioViews.count(c, views.mv())));
            if (views.hasImmv) {
                double ivm = writeMs.get(Copy.IVM) - plain;
                recorder.record(SuiteRow.of(scenario, rows, changePct, Baseline.PG_IVM, via, cycle).startedAt(started)
                        .refresh(ivm, ivm).write(writeMs.get(Copy.IVM), dml).capture(ivm * 1000 / dml).rowsChanged(dml)
                        .stRows(ScenarioViews.count(c, views.immv())).note(views.pgIvmNote));
            }
            recorder.record(SuiteRow.of(scenario, rows, changePct, Baseline.FULL, via, cycle).startedAt(started)
                    .measured(full).write(trickleWrite, dml).stRows(ScenarioViews.count(c, views.fullTwinSql()))
                    .oracle(fullOracle));
            recorder.record(SuiteRow.of(scenario, rows, changePct, Baseline.TRICKLE, via, cycle).startedAt(started)
                    .mode(options.mode()).measured(diff).write(trickleWrite, dml)
                    .capture((trickleWrite - plain) * 1000 / dml)
                    .stRows(ScenarioViews.count(c, views.streamTableSql())).oracle(diffOracle));
            progress.say("%s · %s · %s · %s · cycle %d/%d: REFRESH MV %s, Trickle FULL %s, Trickle %s %s (wall %s)",
                    scenario, Progress.rows(rows), Progress.pct(changePct), via.csvName(), cycle, options.cycles(),
                    ms(mvMs), ms(full.durationMs()), diff.action(), ms(diff.durationMs()), ms(diff.wallMs()));
        }
    }

    /** Refreshes with nothing to do, along this path, on the measured table. */
    void noOps(long rows) throws SQLException, IOException {
        List<Measured> noOps = refresher.noOps(views.streamTable(), options.cycles());
        String oracle = check(views.streamTableSql(), views.streamTable(), 0);
        List<Double> engine = new ArrayList<>();
        for (int i = 0; i < noOps.size(); i++) {
            Measured m = noOps.get(i);
            engine.add(m.durationMs());
            recorder.record(SuiteRow.of("no_change", rows, 0, Baseline.TRICKLE, refresher.via(), i + 1)
                    .mode(options.mode()).measured(m).oracle(oracle)
                    .stRows(ScenarioViews.count(c, views.streamTableSql())));
        }
        progress.say("no change · %s · %s: %s refreshes with nothing to do, median %s", Progress.rows(rows),
                refresher.via().csvName(), noOps.size(), ms(Stats.median(engine)));
    }

    private double refreshMv() throws SQLException {
        long start = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("REFRESH MATERIALIZED VIEW " + views.mv());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** {@code ok}, or the run stops with what differs. */
    private String check(String quotedTable, String name, int cycle) throws SQLException {
        ResultOracle.Verdict v = ResultOracle.check(c, quotedTable, views.trickleQuery());
        if (!v.matches()) {
            throw new ActionFailedException("oracle check failed after cycle " + cycle + ": " + v.describe(name,
                    views.trickleQuery()) + ". The schema " + views.schema + " is kept for inspection; the next run drops it");
        }
        return "ok";
    }

    static <T> List<T> rotate(List<T> items, int by) {
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get((i + by) % items.size()));
        }
        return out;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.0f ms" : "%.1f ms", v);
    }
}
