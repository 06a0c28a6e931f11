package io.trickle.engine.bench;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * {@code trickle bench core}, the benchmark suite (issue 14): for each size it loads the orders and
 * customers once and copies them for each kind of maintenance; for each scenario it builds a
 * materialized view, pg_ivm's IMMV (when the server has pg_ivm and it can keep the query) and two
 * Trickle stream tables over their own copies; then, along each path and at each change rate, it runs
 * the change cycles ({@link CaseCycles}) and writes one CSV row per cycle and kind of maintenance.
 * Optionally it measures capture cost on a narrow and a wide table ({@link CaptureCost}) and
 * concurrent writers ({@link WriterLoad}); where it can, it keeps the plans of a replayed slow
 * refresh ({@link Evidence}). The run works in a schema of its own, refuses to start while another
 * engine schedules the database, and drives Trickle only through its public paths: the
 * {@code Trickle} facade, {@code trickle refresh} and {@code trickle run} processes, SQL, and the
 * catalog's history. Not a test: it runs on demand.
 */
public final class CoreSuite {

    private final Connection c;
    private final String jdbcUrl;
    private final Trickle trickle;
    private final PgIvm ivm;
    private final TrickleLauncher launcher;
    private final BenchSchema schema;
    private final SuiteOptions o;
    private final Progress progress;
    private final Evidence evidence;
    private final String evidenceUnavailable;
    private final List<SuiteRow> rows = new ArrayList<>();
    private final Map<String, String> pgIvmNotes = new LinkedHashMap<>();
    private final List<SuiteReport.EvidenceResult> evidenceResults = new ArrayList<>();
    private int oracleChecks;

    private CoreSuite(Connection c, String jdbcUrl, Trickle trickle, PgIvm ivm, BenchSchema schema, SuiteOptions o,
                      Progress progress) {
        this.c = c;
        this.jdbcUrl = jdbcUrl;
        this.trickle = trickle;
        this.ivm = ivm;
        this.launcher = new TrickleLauncher(o.command(), jdbcUrl);
        this.schema = schema;
        this.o = o;
        this.progress = progress;
        this.evidence = new Evidence(jdbcUrl);
        this.evidenceUnavailable = evidence.unavailable().orElse(null);
    }

    /** The CSV's siblings: the summary, the daemon's log, the evidence. */
    static Path sibling(Path csv, String suffix) {
        String file = csv.getFileName().toString();
        String stem = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
        return csv.toAbsolutePath().resolveSibling(stem + suffix);
    }

    /** The report as the text tables printed on standard output. */
    public static String render(SuiteReport report) {
        return SuiteSummary.render(report);
    }

    public static SuiteReport run(String jdbcUrl, SuiteOptions o, PrintWriter err) throws SQLException, IOException {
        Progress progress = new Progress(err);
        String runId = "core-" + UUID.randomUUID().toString().substring(0, 8);
        BenchSchema schema = new BenchSchema(o.schema(), "core");
        try (Trickle trickle = Trickle.open(EngineOptions.forUrl(jdbcUrl).withMaxConnections(3)
                .withApplicationName("trickle-bench"));
             Connection c = DriverManager.getConnection(jdbcUrl)) {
            if (o.paths().contains(Via.DAEMON) || !o.writers().isEmpty()) {
                Isolation.requireNoForeignStreamTables(c, o.schema());
            }
            schema.prepare(c, trickle);
            PgIvm ivm = PgIvm.detect(c);
            String server = serverVersion(c);
            CoreSuite suite = new CoreSuite(c, jdbcUrl, trickle, ivm, schema, o, progress);
            progress.say("run %s against %s (%s); %s; evidence: %s; CSV %s", runId, c.getCatalog(), server,
                    ivm.availability().describe(), suite.evidenceUnavailable == null ? "auto_explain"
                            : "not available (" + suite.evidenceUnavailable + ")", o.csv().toAbsolutePath());
            try (SuiteCsv csv = new SuiteCsv(o.csv(), runId)) {
                suite.measure(row -> {
                    suite.rows.add(row);
                    if ("ok".equals(row.oracle)) {
                        suite.oracleChecks++;
                    }
                    csv.write(row);
                });
            }
            SuiteReport report = new SuiteReport(runId, server, ivm.availability().describe(),
                    ivm.availability().available(), o.mix().describe(), o.cycles(), o.mode(),
                    SuiteSummary.cases(suite.rows, o.firstCountedCycle()), SuiteSummary.noOps(suite.rows),
                    SuiteSummary.capture(suite.rows, o.firstCountedCycle()), SuiteSummary.writers(suite.rows),
                    suite.pgIvmNotes, suite.evidenceResults, suite.evidenceUnavailable, suite.oracleChecks,
                    o.csv().toAbsolutePath().toString(), sibling(o.csv(), "-summary.txt").toString());
            Files.writeString(Path.of(report.summary()), SuiteSummary.render(report));
            if (!o.keep()) {
                schema.drop(c, trickle);
            }
            return report;
        }
    }

    private void measure(CaseCycles.Recorder recorder) throws SQLException, IOException {
        for (long size : o.sizes()) {
            if (!o.scenarios().isEmpty() || !o.writers().isEmpty()) {
                measureSize(size, recorder);
            }
        }
        if (o.capture()) {
            new CaptureCost(c, trickle, ivm, o, recorder, progress).run(Math.min(100_000, o.sizes().get(0)));
        }
    }

    private void measureSize(long size, CaseCycles.Recorder recorder) throws SQLException, IOException {
        schema.clear(c, trickle);
        schema.create(c);
        long start = System.nanoTime();
        OrdersData.load(c, Copy.PLAIN.in(schema.name()), size);
        OrdersData.copy(c, Copy.PLAIN.in(schema.name()), Copy.IVM.in(schema.name()));
        OrdersData.copy(c, Copy.PLAIN.in(schema.name()), Copy.TRICKLE.in(schema.name()));
        progress.say("loaded %s orders into three copies in %.1f s", Progress.rows(size), (System.nanoTime() - start) / 1e9);
        LiveIds live = new LiveIds(size);
        SplittableRandom random = new SplittableRandom(o.seed() ^ size);
        boolean noOpsMeasured = false;
        for (Scenario scenario : o.scenarios()) {
            long t0 = System.nanoTime();
            ScenarioViews views = ScenarioViews.create(c, trickle, ivm, scenario, schema.name(), o.mode());
            if (views.pgIvmNote != null) {
                pgIvmNotes.putIfAbsent(scenario.csvName(), views.pgIvmNote);
            }
            progress.say("%s · %s: views and stream tables built in %.1f s%s", scenario.csvName(), Progress.rows(size),
                    (System.nanoTime() - t0) / 1e9, views.hasImmv ? "" : " (no pg_ivm: " + views.pgIvmNote + ")");
            for (Via via : o.paths()) {
                try (TrickleRefresher refresher = open(via, views)) {
                    CaseCycles cycles = new CaseCycles(c, views, refresher, o, recorder, progress);
                    for (double pct : o.changePcts()) {
                        cycles.run(size, pct, live, random);
                    }
                    if (!noOpsMeasured) {
                        cycles.noOps(size);
                    }
                } finally {
                    if (via == Via.DAEMON) {
                        views.scheduleIdle(trickle);
                    }
                }
            }
            noOpsMeasured = true;
            if (evidenceUnavailable == null) {
                explainSlowest(views, size, live, random);
            }
            views.drop(c, trickle);
        }
        if (!o.writers().isEmpty()) {
            new WriterLoad(c, jdbcUrl, trickle, ivm, launcher, schema.name(), o, recorder, progress).run(size, live);
        }
    }

    /**
     * Replays the change rate of the scenario's slowest Trickle refresh (highest median) once more, on
     * every copy so they stay identical, and refreshes the measured table from SQL with every statement
     * explained; the plans go beside the CSV, the slowest statement into the summary.
     */
    private void explainSlowest(ScenarioViews views, long size, LiveIds live, SplittableRandom random)
            throws SQLException, IOException {
        Optional<SuiteReport.CaseResult> slowest = SuiteSummary.cases(rows, o.firstCountedCycle()).stream()
                .filter(r -> r.scenario().equals(views.scenario.csvName()) && r.rows() == size && r.trickleMs() != null)
                .max(java.util.Comparator.comparingDouble(SuiteReport.CaseResult::trickleMs));
        if (slowest.isEmpty()) {
            return;
        }
        double pct = slowest.get().changePct();
        long[] split = o.mix().split(Math.max(1, Math.round(size * pct / 100.0)));
        CycleChanges changes = live.next(random, split[0], split[1], split[2]);
        for (Copy copy : Copy.values()) {
            changes.apply(c, copy.in(views.schema), OrdersData.customersFor(size));
        }
        Evidence.Capture capture = evidence.refresh(views.streamTable());
        ResultOracle.Verdict v = ResultOracle.check(c, views.streamTableSql(), views.trickleQuery());
        if (!v.matches()) {
            throw new ActionFailedException("oracle check failed after the explained refresh: "
                    + v.describe(views.streamTable(), views.trickleQuery()));
        }
        oracleChecks++;
        Path file = sibling(o.csv(), "-explain-" + views.scenario.csvName() + "-" + Progress.rows(size) + ".txt");
        Files.writeString(file, capture.render());
        Optional<Evidence.Step> dominant = capture.dominant();
        evidenceResults.add(new SuiteReport.EvidenceResult(views.scenario.csvName(), size, pct, file.toString(),
                capture.wallMs(), dominant.map(Evidence.Step::headline).orElse(null),
                dominant.map(Evidence.Step::ms).orElse(null), capture.steps().size()));
        progress.say("%s · %s · %s: explained refresh, %d statements, slowest %s", views.scenario.csvName(),
                Progress.rows(size), Progress.pct(pct), capture.steps().size(),
                dominant.map(s -> String.format(java.util.Locale.ROOT, "%.1f ms: %s", s.ms(), s.headline())).orElse("-"));
    }

    private TrickleRefresher open(Via via, ScenarioViews views) throws SQLException {
        return switch (via) {
            case API -> new ApiRefresher(trickle);
            case CLI -> new CliRefresher(launcher);
            case DAEMON -> {
                views.scheduleEverySecond(trickle);
                yield DaemonRefresher.start(launcher, c, sibling(o.csv(), "-daemon.log"));
            }
        };
    }

    private static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0];
        }
    }
}
