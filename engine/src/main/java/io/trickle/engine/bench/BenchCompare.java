package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code trickle bench compare A.csv B.csv}: per case (scenario, rows, change rate, path, baseline,
 * writers) the median of a metric in each run (cycles 2 and later where a case has them) and the
 * ratio B / A. A case of Trickle's own (baseline trickle or full) whose ratio exceeds 1 + threshold is
 * a regression. Runs on one machine at different times share its noise; the ratio of the
 * REFRESH MATERIALIZED VIEW rows says how much the machine itself changed.
 */
public final class BenchCompare {

    /** The metrics that can be compared: CSV columns where lower is better. */
    public static final List<String> METRICS = List.of("refresh_ms", "wall_ms", "write_ms", "capture_us_per_row",
            "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "staleness_p95_s");

    private static final Set<String> OWN = Set.of("trickle", "full");

    /** One case in both runs. */
    public record Line(String scenario, long rows, double changePct, String path, String baseline, int writers,
                       Double medianA, Double medianB, Double ratio, boolean regression) {
    }

    /**
     * The comparison.
     *
     * @param metric      the compared column
     * @param threshold   the allowed slowdown, as a fraction (0.1 for 10 %)
     * @param lines       the cases found in both runs
     * @param onlyInA     cases found only in A
     * @param onlyInB     cases found only in B
     * @param regressions how many lines regressed
     */
    public record Result(String a, String b, String metric, double threshold, List<Line> lines, List<String> onlyInA,
                         List<String> onlyInB, int regressions) {
    }

    private BenchCompare() {
    }

    public static Result compare(Path a, Path b, String metric, double thresholdPct) {
        if (!METRICS.contains(metric)) {
            throw new InvalidInputException("cannot compare on '" + metric + "'; use one of " + String.join(", ", METRICS));
        }
        if (!(thresholdPct >= 0)) {
            throw new InvalidInputException("--threshold must be a percentage of at least 0");
        }
        Map<String, Case> casesA = cases(BenchmarkCsvFile.read(a), metric);
        Map<String, Case> casesB = cases(BenchmarkCsvFile.read(b), metric);
        List<Line> lines = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        int regressions = 0;
        for (Map.Entry<String, Case> e : casesA.entrySet()) {
            Case ca = e.getValue();
            Case cb = casesB.get(e.getKey());
            if (cb == null) {
                onlyA.add(e.getKey());
                continue;
            }
            double ma = ca.median();
            double mb = cb.median();
            double ratio = ma > 0 && mb >= 0 ? mb / ma : Double.NaN;
            boolean regression = OWN.contains(ca.baseline) && !Double.isNaN(ratio) && ratio > 1 + thresholdPct / 100.0;
            if (regression) {
                regressions++;
            }
            lines.add(new Line(ca.scenario, ca.rows, ca.changePct, ca.path, ca.baseline, ca.writers, orNull(ma),
                    orNull(mb), orNull(ratio), regression));
        }
        casesB.keySet().stream().filter(k -> !casesA.containsKey(k)).forEach(onlyB::add);
        return new Result(a.toString(), b.toString(), metric, thresholdPct / 100.0, lines, onlyA, onlyB, regressions);
    }

    public static String render(Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: median of cycles 2 and later, B / A (A = %s, B = %s); a regression is "
                + "Trickle (trickle, full) slower by more than %.0f %%%n", r.metric(), r.a(), r.b(), r.threshold() * 100));
        ReportTable t = new ReportTable("scenario", "rows", "change", "path", "baseline", "writers", "A", "B", "B/A", "");
        for (Line l : r.lines()) {
            t.row(l.scenario(), Progress.rows(l.rows()), Progress.pct(l.changePct()), l.path(), l.baseline(),
                    Integer.toString(l.writers()), SuiteSummary.ms(l.medianA()), SuiteSummary.ms(l.medianB()),
                    l.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", l.ratio()),
                    l.regression() ? "REGRESSED" : "");
        }
        out.append(t.render());
        if (!r.onlyInA().isEmpty()) {
            out.append("only in A: ").append(String.join("; ", r.onlyInA())).append('\n');
        }
        if (!r.onlyInB().isEmpty()) {
            out.append("only in B: ").append(String.join("; ", r.onlyInB())).append('\n');
        }
        out.append(r.regressions() == 0 ? "no regression\n" : r.regressions() + " regressed\n");
        return out.toString();
    }

    private static final class Case {
        String scenario;
        long rows;
        double changePct;
        String path;
        String baseline;
        int writers;
        final List<double[]> values = new ArrayList<>();

        double median() {
            boolean later = values.stream().anyMatch(v -> v[0] >= 2);
            return Stats.median(values.stream().filter(v -> !later || v[0] >= 2).map(v -> v[1]).toList());
        }
    }

    private static Map<String, Case> cases(BenchmarkCsvFile file, String metric) {
        Map<String, Case> out = new LinkedHashMap<>();
        int line = 1;
        for (Map<String, String> row : file.rows()) {
            line++;
            String value = row.getOrDefault(metric, "").trim();
            if (value.isEmpty()) {
                continue;
            }
            try {
                String mode = row.get("mode").trim();
                String baseline = row.getOrDefault("baseline", "").isBlank()
                        ? ("FULL".equalsIgnoreCase(mode) ? "full" : "trickle") : row.get("baseline").trim();
                String path = row.getOrDefault("path", "").isBlank() ? "api" : row.get("path").trim();
                Case c = new Case();
                c.scenario = row.get("scenario").trim();
                c.rows = Long.parseLong(row.get("rows").trim());
                c.changePct = Double.parseDouble(row.get("change_pct").trim());
                c.path = path;
                c.baseline = baseline;
                c.writers = Integer.parseInt(row.get("writers").trim());
                String key = String.format(Locale.ROOT, "%s %s %s %s %s writers=%d", c.scenario, Progress.rows(c.rows),
                        Progress.pct(c.changePct), c.path, c.baseline, c.writers);
                Case existing = out.putIfAbsent(key, c);
                Case target = existing == null ? c : existing;
                target.values.add(new double[] {Integer.parseInt(row.get("cycle").trim()), Double.parseDouble(value)});
            } catch (RuntimeException e) {
                throw new InvalidInputException(file.file() + ", line " + line + ": cannot read the row (" + e.getMessage()
                        + ")");
            }
        }
        return out;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
