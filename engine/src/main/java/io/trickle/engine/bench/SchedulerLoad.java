package io.trickle.engine.bench;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.SchedulerHandle;
import io.trickle.engine.api.SchedulerOptions;
import io.trickle.engine.api.SchedulerRole;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.db.PgQuote;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code trickle bench scheduler}: how many stream tables on 1 s schedules one daemon keeps fresh.
 * N small sources (20 rows each) with one stream table each; phases of equal length: quiet (nothing
 * changes), then one row changed in 10 % of the sources every second, then in every source every
 * second, so that every table needs a real differential refresh every second. Each second it samples
 * every table's staleness (database clock, now − last refresh) and reports the median, p95 and maximum,
 * the samples over 2 s, and the refreshes the history recorded. The daemon runs as {@code trickle run}
 * (path daemon) or in this process through {@link SchedulerHandle} (path api, which also reports the
 * engine's heap).
 */
public final class SchedulerLoad {

    /** What to run. */
    public record Options(int tables, int seconds, Via via, Path csv, String schema, List<String> command) {
        public Options {
            if (tables < 1 || tables > 5000) {
                throw new InvalidInputException("--tables must be from 1 to 5000, not " + tables);
            }
            if (seconds < 3) {
                throw new InvalidInputException("--seconds must be at least 3 per phase");
            }
            if (via == Via.CLI) {
                throw new InvalidInputException("the scheduler benchmark runs the daemon: --via daemon or api");
            }
            command = List.copyOf(command);
        }
    }

    /** One phase's figures. */
    public record Phase(String name, double changedPerSecondPct, Double stalenessP50S, Double stalenessP95S,
                        Double stalenessMaxS, int samplesOver2s, int samples, double refreshesPerS, Double refreshMs,
                        long failed, long writes, Double heapMib) {
    }

    /** The run: the phases, and where the CSV went. */
    public record Report(String runId, int tables, String path, double createSeconds, List<Phase> phases, String csv) {
    }

    private SchedulerLoad() {
    }

    public static Report run(String jdbcUrl, Options o, PrintWriter err) throws SQLException, IOException {
        Progress progress = new Progress(err);
        String runId = "scheduler-" + UUID.randomUUID().toString().substring(0, 8);
        BenchSchema schema = new BenchSchema(o.schema(), "scheduler");
        try (Trickle engine = Trickle.open(EngineOptions.forUrl(jdbcUrl).withMaxConnections(8)
                .withApplicationName("trickle-bench"));
             Connection c = DriverManager.getConnection(jdbcUrl)) {
            Isolation.requireNoForeignStreamTables(c, o.schema());
            schema.prepare(c, engine);
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                for (int i = 0; i < o.tables(); i++) {
                    String src = source(o.schema(), i);
                    st.execute("CREATE TABLE " + src + " (id int PRIMARY KEY, v int NOT NULL)");
                    st.execute("INSERT INTO " + src + " SELECT g, g FROM generate_series(1, 20) g");
                }
            }
            for (int i = 0; i < o.tables(); i++) {
                engine.create(QualifiedName.of(o.schema(), "st_" + i).toString(),
                        "SELECT id, v FROM " + source(o.schema(), i) + " WHERE v > 2", "1s", "DIFFERENTIAL", true);
                if ((i + 1) % 100 == 0) {
                    progress.say("created %d of %d stream tables", i + 1, o.tables());
                }
            }
            double createSeconds = (System.nanoTime() - t0) / 1e9;
            progress.say("created %d stream tables in %.1f s", o.tables(), createSeconds);
            List<Phase> phases = new ArrayList<>();
            try (AutoCloseable daemon = startDaemon(o, engine, c, jdbcUrl)) {
                measure(c, o, "warm-up", Math.max(1, o.seconds() / 3), 0);
                phases.add(measure(c, o, "quiet", o.seconds(), 0));
                phases.add(measure(c, o, "10%/s", o.seconds(), Math.max(1, o.tables() / 10)));
                phases.add(measure(c, o, "100%/s", o.seconds(), o.tables()));
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ActionFailedException("stopping the daemon failed: " + e.getMessage(), e);
            }
            for (Phase p : phases) {
                progress.say("%-7s staleness median %s s, p95 %s s, max %s s; %d of %d samples over 2 s; %.0f refreshes/s;"
                                + " %d failed", p.name(), SuiteSummary.secs(p.stalenessP50S()), SuiteSummary.secs(p.stalenessP95S()),
                        SuiteSummary.secs(p.stalenessMaxS()), p.samplesOver2s(), p.samples(), p.refreshesPerS(), p.failed());
            }
            writeCsv(o, runId, phases);
            schema.drop(c, engine);
            return new Report(runId, o.tables(), o.via().csvName(), createSeconds, phases, o.csv().toAbsolutePath().toString());
        }
    }

    private static String source(String schema, int i) {
        return PgQuote.qualified(schema, "src_" + i);
    }

    private static AutoCloseable startDaemon(Options o, Trickle engine, Connection c, String jdbcUrl) throws SQLException {
        if (o.via() == Via.DAEMON) {
            return DaemonRefresher.start(new TrickleLauncher(o.command(), jdbcUrl), c, CoreSuite.sibling(o.csv(), "-daemon.log"));
        }
        SchedulerHandle handle = engine.runScheduler(SchedulerOptions.defaults());
        Instant deadline = Instant.now().plusSeconds(60);
        while (handle.role() != SchedulerRole.LEADER) {
            if (Instant.now().isAfter(deadline)) {
                handle.close();
                throw new ActionFailedException("the in-process scheduler did not lead within 60 s");
            }
            LockSupport.parkNanos(50_000_000L);
        }
        return handle;
    }

    /** Samples staleness each second for {@code seconds} while {@code changedPerSecond} sources (round robin) change. */
    private static Phase measure(Connection c, Options o, String name, int seconds, int changedPerSecond)
            throws SQLException {
        RefreshHistory history = new RefreshHistory(c);
        long mark = history.mark();
        List<Double> samples = new ArrayList<>();
        int over = 0;
        long writes = 0;
        long next = 0;
        SplittableRandom random = new SplittableRandom(1);
        try (PreparedStatement stale = c.prepareStatement("SELECT extract(epoch FROM clock_timestamp() - last_refresh_at)::float8"
                + " FROM pgtrickle.pgt_stream_tables WHERE pgt_schema = ?")) {
            stale.setString(1, o.schema());
            long start = System.nanoTime();
            for (int s = 0; s < seconds; s++) {
                long secondEnd = start + (s + 1) * 1_000_000_000L;
                if (changedPerSecond > 0) {
                    try (Statement st = c.createStatement()) {
                        StringBuilder batch = new StringBuilder();
                        for (int i = 0; i < changedPerSecond; i++) {
                            batch.append("UPDATE ").append(source(o.schema(), (int) (next++ % o.tables())))
                                    .append(" SET v = v + 1 WHERE id = ").append(1 + random.nextInt(20)).append(';');
                        }
                        st.execute(batch.toString());
                        writes += changedPerSecond;
                    }
                }
                try (ResultSet rs = stale.executeQuery()) {
                    while (rs.next()) {
                        double v = rs.getDouble(1);
                        samples.add(v);
                        if (v > 2.0) {
                            over++;
                        }
                    }
                }
                long wait = secondEnd - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        long refreshes = 0;
        long failed = 0;
        List<Double> durations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT status, action, duration_ms FROM pgtrickle.pgt_refresh_history"
                + " WHERE pgt_schema = ? AND refresh_id > ? AND status IN ('COMPLETED', 'FAILED')")) {
            ps.setString(1, o.schema());
            ps.setLong(2, mark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refreshes++;
                    if ("FAILED".equals(rs.getString(1))) {
                        failed++;
                    } else if (!"NO_DATA".equals(rs.getString(2))) {
                        durations.add(rs.getDouble(3));
                    }
                }
            }
        }
        Double heap = null;
        if (o.via() == Via.API) {
            System.gc();
            MemoryUsage m = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            heap = m.getUsed() / 1048576.0;
        }
        double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Phase(name, 100.0 * changedPerSecond / o.tables(), nullable(Stats.percentile(samples, 0.5)),
                nullable(Stats.percentile(samples, 0.95)), nullable(max), over, samples.size(), refreshes / (double) seconds,
                nullable(Stats.median(durations)), failed, writes, heap);
    }

    private static void writeCsv(Options o, String runId, List<Phase> phases) throws IOException {
        try (SuiteCsv csv = new SuiteCsv(o.csv(), runId)) {
            int cycle = 0;
            for (Phase p : phases) {
                SuiteRow row = SuiteRow.of("scheduler", o.tables(), p.changedPerSecondPct(), Baseline.TRICKLE, o.via(), ++cycle)
                        .refresh(p.refreshMs() == null ? Double.NaN : p.refreshMs(), Double.NaN).rowsChanged(p.writes())
                        .writers(1).throughput(Double.NaN, p.refreshesPerS())
                        .staleness(n(p.stalenessP50S()), n(p.stalenessP95S()), n(p.stalenessMaxS()))
                        .note(String.format(Locale.ROOT, "%s: %d of %d staleness samples over 2 s; %d refreshes failed%s",
                                p.name(), p.samplesOver2s(), p.samples(), p.failed(),
                                p.heapMib() == null ? "" : String.format(Locale.ROOT, "; heap %.1f MiB", p.heapMib())));
                csv.write(row);
            }
        }
    }

    /** The report as text. */
    public static String render(Report r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Scheduler load, run %s: %d stream tables on 1 s schedules, daemon via %s (created in %.1f s)%n", r.runId(),
                r.tables(), r.path(), r.createSeconds()));
        ReportTable t = new ReportTable("phase", "stale p50 s", "stale p95 s", "stale max s", "over 2 s", "refreshes/s",
                "refresh ms", "failed", "heap MiB");
        for (Phase p : r.phases()) {
            t.row(p.name(), SuiteSummary.secs(p.stalenessP50S()), SuiteSummary.secs(p.stalenessP95S()),
                    SuiteSummary.secs(p.stalenessMaxS()), p.samplesOver2s() + " of " + p.samples(),
                    String.format(Locale.ROOT, "%.0f", p.refreshesPerS()), SuiteSummary.ms(p.refreshMs()),
                    Long.toString(p.failed()), p.heapMib() == null ? "-" : String.format(Locale.ROOT, "%.0f", p.heapMib()));
        }
        return out.append(t.render()).append("CSV: ").append(r.csv()).append('\n').toString();
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double n(Double v) {
        return v == null ? Double.NaN : v;
    }
}
