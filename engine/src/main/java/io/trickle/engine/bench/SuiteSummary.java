package io.trickle.engine.bench;

import io.trickle.engine.bench.SuiteReport.CaptureResult;
import io.trickle.engine.bench.SuiteReport.CaseResult;
import io.trickle.engine.bench.SuiteReport.NoOpResult;
import io.trickle.engine.bench.SuiteReport.WriterResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns the suite's rows into its report: medians over cycles 2 and later per case and baseline,
 * ratios within one path of one run, and the text tables printed on standard output.
 */
final class SuiteSummary {

    static final String NO_CHANGE = "no_change";
    static final String WRITERS = "writers";
    static final String CAPTURE_PREFIX = "capture_";

    private SuiteSummary() {
    }

    private record CaseKey(String scenario, long rows, double changePct, Via via) {
    }

    static List<CaseResult> cases(List<SuiteRow> rows, int firstCounted) {
        Map<CaseKey, List<SuiteRow>> grouped = new LinkedHashMap<>();
        for (SuiteRow r : rows) {
            if (isMatrix(r.scenario)) {
                grouped.computeIfAbsent(new CaseKey(r.scenario, r.rows, r.changePct, r.via), k -> new ArrayList<>()).add(r);
            }
        }
        List<CaseResult> out = new ArrayList<>();
        grouped.forEach((k, list) -> {
            List<SuiteRow> counted = list.stream().filter(r -> r.cycle >= firstCounted).toList();
            double mv = median(counted, Baseline.REFRESH_MV, r -> r.refreshMs);
            double ivm = median(counted, Baseline.PG_IVM, r -> r.refreshMs);
            double full = median(counted, Baseline.FULL, r -> r.refreshMs);
            double trickle = median(counted, Baseline.TRICKLE, r -> r.refreshMs);
            double wall = median(counted, Baseline.TRICKLE, r -> r.wallMs);
            double plainWrite = median(counted, Baseline.REFRESH_MV, r -> r.writeMs);
            double trickleWrite = median(counted, Baseline.TRICKLE, r -> r.writeMs);
            double capture = median(counted, Baseline.TRICKLE, r -> r.captureUsPerRow);
            double ivmPerRow = median(counted, Baseline.PG_IVM, r -> r.captureUsPerRow);
            double maintenance = median(counted, Baseline.TRICKLE, r -> r.writeMs + r.refreshMs)
                    - plainWrite;
            ActionCounts actions = new ActionCounts();
            list.stream().filter(r -> r.baseline == Baseline.TRICKLE).forEach(r -> actions.add(r.action));
            out.add(new CaseResult(k.scenario(), k.rows(), k.changePct(), k.via().csvName(), orNull(mv), orNull(ivm),
                    orNull(full), orNull(trickle), orNull(wall), orNull(plainWrite), orNull(trickleWrite), orNull(capture),
                    orNull(ivmPerRow), orNull(maintenance), orNull(mv / trickle), orNull(mv / wall), actions.describe()));
        });
        return out;
    }

    static List<NoOpResult> noOps(List<SuiteRow> rows) {
        Map<String, List<SuiteRow>> grouped = new LinkedHashMap<>();
        rows.stream().filter(r -> r.scenario.equals(NO_CHANGE))
                .forEach(r -> grouped.computeIfAbsent(r.rows + "|" + r.via.csvName(), k -> new ArrayList<>()).add(r));
        List<NoOpResult> out = new ArrayList<>();
        grouped.forEach((k, list) -> out.add(new NoOpResult(list.get(0).rows, list.get(0).via.csvName(),
                orNull(Stats.median(list.stream().map(r -> r.refreshMs).toList())),
                orNull(Stats.median(list.stream().map(r -> r.wallMs).toList())), list.size())));
        return out;
    }

    static List<CaptureResult> capture(List<SuiteRow> rows, int firstCounted) {
        Map<String, List<SuiteRow>> grouped = new LinkedHashMap<>();
        rows.stream().filter(r -> r.scenario.startsWith(CAPTURE_PREFIX) && r.cycle >= firstCounted)
                .forEach(r -> grouped.computeIfAbsent(r.scenario, k -> new ArrayList<>()).add(r));
        List<CaptureResult> out = new ArrayList<>();
        grouped.forEach((scenario, list) -> {
            int columns = Integer.parseInt(scenario.replaceAll("\\D", ""));
            SuiteRow any = list.get(0);
            out.add(new CaptureResult(scenario, columns, any.rows, any.dmlRows, orNull(median(list, Baseline.PLAIN, r -> r.writeMs)),
                    orNull(median(list, Baseline.TRICKLE, r -> r.writeMs)),
                    orNull(median(list, Baseline.TRICKLE, r -> r.captureUsPerRow)),
                    orNull(median(list, Baseline.PG_IVM, r -> r.writeMs)),
                    orNull(median(list, Baseline.PG_IVM, r -> r.captureUsPerRow)),
                    orNull(median(list, Baseline.TRICKLE, r -> r.refreshMs))));
        });
        return out;
    }

    static List<WriterResult> writers(List<SuiteRow> rows) {
        List<WriterResult> out = new ArrayList<>();
        rows.stream().filter(r -> r.scenario.equals(WRITERS)).forEach(r -> out.add(new WriterResult(r.rows, r.writers,
                r.baseline.csvName(), orNull(r.latencyP50Ms), orNull(r.latencyP95Ms), orNull(r.latencyP99Ms),
                orNull(r.writeTps), orNull(r.refreshesPerS), orNull(r.stalenessP50S), orNull(r.stalenessP95S),
                orNull(r.stalenessMaxS))));
        return out;
    }

    static boolean isMatrix(String scenario) {
        return !scenario.equals(NO_CHANGE) && !scenario.equals(WRITERS) && !scenario.startsWith(CAPTURE_PREFIX);
    }

    private static double median(List<SuiteRow> rows, Baseline b, ToDoubleFunction<SuiteRow> value) {
        return Stats.median(rows.stream().filter(r -> r.baseline == b).map(r -> value.applyAsDouble(r)).toList());
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    // ---------------------------------------------------------------------------------------------
    // Text
    // ---------------------------------------------------------------------------------------------

    static String render(SuiteReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Trickle benchmark suite, run %s: %s; %s; DML mix %s (updates/deletes/"
                        + "inserts); %d cycles, medians of cycles 2-%d; Trickle mode %s%n", r.runId(), r.server(), r.pgIvm(),
                r.dmlMix(), r.cycles(), r.cycles(), r.mode()));
        if (!r.cases().isEmpty()) {
            out.append("\nRefresh time, median ms. x = REFRESH MATERIALIZED VIEW / Trickle (above 1: Trickle is faster);"
                    + " pg_ivm = its extra DML time;\nmaint = Trickle's capture overhead + refresh, to compare with pg_ivm."
                    + " The machine may be shared: compare ratios within a run.\n");
            ReportTable t = new ReportTable("path", "rows", "change", "scenario", "REFRESH MV", "pg_ivm", "Trickle FULL",
                    "Trickle", "wall", "x", "x wall", "capture us/row", "pg_ivm us/row", "maint", "actions");
            for (CaseResult c : r.cases()) {
                t.row(c.path(), Progress.rows(c.rows()), Progress.pct(c.changePct()), c.scenario(), ms(c.refreshMvMs()),
                        ms(c.pgIvmMs()), ms(c.fullMs()), ms(c.trickleMs()), ms(c.trickleWallMs()), ratio(c.speedup()),
                        ratio(c.wallSpeedup()), us(c.captureUsPerRow()), us(c.pgIvmUsPerRow()), ms(c.maintenanceMs()),
                        c.actions());
            }
            out.append(t.render());
            out.append(headline(r.cases()));
        }
        if (!r.pgIvmNotes().isEmpty()) {
            out.append("\npg_ivm per scenario:\n");
            r.pgIvmNotes().forEach((s, note) -> out.append("  ").append(s).append(": ").append(note).append('\n'));
        }
        if (!r.evidence().isEmpty()) {
            out.append("\nEvidence: the slowest case of each scenario replayed once from SQL, every statement explained"
                    + " (EXPLAIN ANALYZE, BUFFERS: slower than unexplained)\n");
            ReportTable t = new ReportTable("scenario", "rows", "change", "refresh", "statements", "slowest statement",
                    "its ms", "plans");
            r.evidence().forEach(e -> t.row(e.scenario(), Progress.rows(e.rows()), Progress.pct(e.changePct()),
                    ms(e.refreshMs()), Integer.toString(e.statements()), e.dominantStep(), ms(e.dominantMs()), e.file()));
            out.append(t.render());
        } else if (r.evidenceUnavailable() != null) {
            out.append("\nEvidence (EXPLAIN of the slowest refreshes): not available: ").append(r.evidenceUnavailable())
                    .append('\n');
        }
        if (!r.noChange().isEmpty()) {
            out.append("\nRefresh with nothing to do (median ms; wall = the whole call or process)\n");
            ReportTable t = new ReportTable("path", "rows", "engine", "wall", "refreshes");
            r.noChange().forEach(n -> t.row(n.path(), Progress.rows(n.rows()), ms(n.engineMs()), ms(n.wallMs()),
                    Integer.toString(n.refreshes())));
            out.append(t.render());
        }
        if (!r.capture().isEmpty()) {
            out.append("\nCapture cost: statements updating one column of many rows (median ms per statement; _unread:"
                    + " the stream table does not read that column)\n");
            ReportTable t = new ReportTable("table", "rows", "rows/statement", "plain", "with capture", "capture us/row",
                    "with pg_ivm", "pg_ivm us/row", "Trickle refresh");
            r.capture().forEach(c -> t.row(c.scenario(), Progress.rows(c.rows()),
                    Long.toString(c.statementRows()), ms(c.plainMs()), ms(c.trickleMs()), us(c.captureUsPerRow()),
                    ms(c.pgIvmMs()), us(c.pgIvmUsPerRow()), ms(c.refreshMs())));
            out.append(t.render());
        }
        if (!r.writers().isEmpty()) {
            out.append("\nConcurrent writers (one-row transactions; Trickle's daemon keeping its tables fresh)\n");
            ReportTable t = new ReportTable("rows", "writers", "maintenance", "p50 ms", "p95 ms", "p99 ms", "writes/s",
                    "refreshes/s", "stale p50 s", "stale p95 s", "stale max s");
            r.writers().forEach(w -> t.row(Progress.rows(w.rows()), Integer.toString(w.writers()), w.baseline(),
                    ms(w.latencyP50Ms()), ms(w.latencyP95Ms()), ms(w.latencyP99Ms()), num(w.writeTps()),
                    num(w.refreshesPerS()), secs(w.stalenessP50S()), secs(w.stalenessP95S()), secs(w.stalenessMaxS())));
            out.append(t.render());
        }
        out.append(String.format(Locale.ROOT, "%noracle: %d checks of a refreshed table against its query, all equal%n",
                r.oracleChecks()));
        out.append("CSV: ").append(r.csv()).append('\n');
        return out.toString();
    }

    /** Per path, the refresh-speed issue's table: rows x change by scenario, REFRESH MV / Trickle (engine-reported). */
    static String headline(List<CaseResult> cases) {
        StringBuilder out = new StringBuilder();
        Set<String> paths = cases.stream().map(CaseResult::path).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String path : paths) {
            List<CaseResult> mine = cases.stream().filter(c -> c.path().equals(path)).toList();
            List<String> scenarios = mine.stream().map(CaseResult::scenario).distinct().toList();
            List<String> header = new ArrayList<>(List.of("rows . change"));
            header.addAll(scenarios);
            ReportTable t = new ReportTable(header.toArray(String[]::new));
            Map<String, Map<String, CaseResult>> byLine = new LinkedHashMap<>();
            for (CaseResult c : mine) {
                byLine.computeIfAbsent(Progress.rows(c.rows()) + " . " + Progress.pct(c.changePct()),
                        k -> new LinkedHashMap<>()).put(c.scenario(), c);
            }
            byLine.forEach((line, byScenario) -> {
                List<String> cells = new ArrayList<>(List.of(line));
                for (String s : scenarios) {
                    CaseResult c = byScenario.get(s);
                    cells.add(c == null ? "" : ratio(c.speedup()));
                }
                t.row(cells.toArray(String[]::new));
            });
            out.append("\nREFRESH MATERIALIZED VIEW / Trickle, path ").append(path)
                    .append(" (Trickle's engine-reported time; above 1: Trickle is faster)\n").append(t.render());
        }
        return out.toString();
    }

    static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    static String us(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String secs(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v >= 10 ? "%.0fx" : "%.2fx", v);
    }

    /** What a table's refreshes did, in order of first appearance: DIFFERENTIAL×4 FULL×1. */
    private static final class ActionCounts {
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        void add(String action) {
            counts.merge(action == null || action.isBlank() ? "?" : action, 1, Integer::sum);
        }

        String describe() {
            return counts.entrySet().stream().map(e -> e.getKey() + "x" + e.getValue()).collect(Collectors.joining(" "));
        }
    }
}
