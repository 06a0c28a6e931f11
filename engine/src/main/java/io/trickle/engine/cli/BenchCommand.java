package io.trickle.engine.cli;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.bench.BenchCompare;
import io.trickle.engine.bench.CoreSuite;
import io.trickle.engine.bench.DmlMix;
import io.trickle.engine.bench.Scenario;
import io.trickle.engine.bench.SchedulerLoad;
import io.trickle.engine.bench.SuiteOptions;
import io.trickle.engine.bench.SuiteReport;
import io.trickle.engine.bench.Via;
import io.trickle.engine.bench.tpch.TpchBenchmark;
import io.trickle.engine.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run a benchmark and write its results as CSV, or compare two runs.",
        description = {"Benchmarks create their own tables in a schema of their own (trickle_bench for core, tpch for "
                + "tpch) and drop them when done. With --embedded they run in database " + BenchCommand.EMBEDDED_DATABASE
                + " of the embedded server, apart from the demo's. They refuse to start while another Trickle engine "
                + "schedules the database, since it would refresh their tables between measurements."},
        subcommands = {BenchCommand.Core.class, BenchCommand.Tpch.class, BenchCommand.Scheduler.class,
            BenchCommand.Compare.class})
final class BenchCommand extends GroupCommand {

    /** The embedded server's database for benchmarks: never the demo's. */
    static final String EMBEDDED_DATABASE = "trickle_bench";

    @Command(name = "core", mixinStandardHelpOptions = true,
            header = "Trickle beside REFRESH MATERIALIZED VIEW and pg_ivm, on the same data, in one run.",
            description = {"For each size, loads orders and customers and copies them once per kind of maintenance. For "
                    + "each scenario it builds a materialized view, pg_ivm's IMMV (when the extension is installed in "
                    + "the database and can keep the query), a Trickle stream table in --mode and its FULL twin. Then, "
                    + "along each --via path and at each --change-pct, it runs --cycles cycles: the same DML (--mix of "
                    + "updates, deletes and inserts, one transaction per copy) on every copy, REFRESH MATERIALIZED VIEW, "
                    + "and Trickle's refreshes, each checked against its query (a mismatch fails the run, exit 1).",
                "Writes one CSV row per cycle and kind of maintenance (DESIGN §6 plus baseline, path, wall_ms, write_ms, "
                    + "capture_us_per_row, …), the summary beside it (NAME-summary.txt), and prints the summary: medians "
                    + "of cycles 2 and later, and REFRESH MV / Trickle per case. Progress goes to standard error.",
                "Numbers on a shared machine vary from run to run: compare ratios within a run."})
    static final class Core implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Spec
        CommandSpec spec;

        @Option(names = "--rows", split = ",", defaultValue = "100000", paramLabel = "N",
                description = "orders in the source, one or more sizes (default 100000; e.g. 10000,100000,1000000)")
        List<Long> rows;

        @Option(names = "--change-pct", split = ",", defaultValue = "1", paramLabel = "P",
                description = "percentage of the orders each cycle changes, one or more (default 1; e.g. 1,10,50)")
        List<Double> changePct;

        @Option(names = "--scenarios", split = ",", defaultValue = "all", paramLabel = "S",
                description = "scan, filter, aggregate, join, join_aggregate, distinct, window, semi_join, topk; headline "
                        + "(the first five), all (default), or none (only --capture or --writers)")
        List<String> scenarios;

        @Option(names = "--via", split = ",", defaultValue = "api", paramLabel = "PATH",
                description = "how Trickle refreshes: cli (a trickle refresh process each time), daemon (trickle run), "
                        + "api (in this process); one or more (default api)")
        List<String> via;

        @Option(names = "--cycles", defaultValue = "5", description = "change cycles per case (default 5; medians from cycle 2)")
        int cycles;

        @Option(names = "--mix", defaultValue = "70,15,15", paramLabel = "U,D,I",
                description = "percent updates, deletes, inserts of a cycle's changes (default 70,15,15)")
        String mix;

        @Option(names = "--mode", defaultValue = "DIFFERENTIAL", description = "mode of the measured stream table: "
                + "DIFFERENTIAL (default), AUTO or IMMEDIATE (maintained in the writing transaction: its cost per changed row is "
                + "capture_us_per_row, beside pg_ivm's); its FULL twin is measured beside it")
        String mode;

        @Option(names = "--capture", description = "also measure change capture per row on a 5- and a 60-column table "
                + "(statements updating one column of 10000 rows)")
        boolean capture;

        @Option(names = "--writers", split = ",", paramLabel = "N",
                description = "concurrent writer counts, e.g. 1,2,4,8: write latency with and without maintenance while "
                        + "the daemon keeps the stream tables fresh (default none)")
        List<Integer> writers = List.of();

        @Option(names = "--writer-seconds", defaultValue = "20", description = "how long each writer phase runs (default 20)")
        int writerSeconds;

        @Option(names = "--out", defaultValue = "target/bench/core.csv", description = "CSV file to write (default target/bench/core.csv)")
        Path out;

        @Option(names = "--schema", defaultValue = "trickle_bench",
                description = "schema to work in; it must not exist, or come from an earlier run (default trickle_bench)")
        String schema;

        @Option(names = "--seed", defaultValue = "20261214", description = "seed of the change cycles")
        long seed;

        @Option(names = "--trickle-command", paramLabel = "CMD",
                description = "command that starts trickle for the cli and daemon paths (default: java -jar with this jar)")
        String trickleCommand;

        @Option(names = "--keep", description = "keep the schema and its tables when done")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            TrickleCommand root = (TrickleCommand) spec.root().userObject();
            Logging.configureForBenchmark(output.verbose || root.output.verbose);
            SuiteOptions options = new SuiteOptions(rows, changePct, Scenario.parseList(scenarios), Via.parseList(via),
                    cycles, DmlMix.parse(mix), mode.toUpperCase(java.util.Locale.ROOT), capture, writers,
                    Duration.ofSeconds(writerSeconds), out, schema, seed, commandOf(trickleCommand), keep);
            try (Target target = Target.resolve(connection, root)) {
                SuiteReport report = acting(() -> CoreSuite.run(target.url, options, root.err));
                if (json(output, root)) {
                    root.out.println(JsonOutput.write(report));
                } else {
                    root.out.print(CoreSuite.render(report));
                }
                root.out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "tpch", mixinStandardHelpOptions = true,
            header = "The 22 TPC-H queries: AUTO stream tables against FULL twins through change cycles.",
            description = {"Loads our TPC-H generator's data at --scale into its own schema, creates for each query an "
                    + "AUTO stream table and a FULL twin, and runs --cycles cycles of inserts, deletes and updates, "
                    + "refreshing both after each. Writes every refresh's duration_ms as CSV and prints, per query, the "
                    + "median AUTO and FULL times over cycles 2 and later; AUTO slower than 1.2 × FULL is flagged. "
                    + "The schema and its stream tables are dropped when done."})
    static final class Tpch implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Option(names = "--scale", defaultValue = "0.1", description = "TPC-H scale factor (default 0.1: about 600 000 line items)")
        double scale;

        @Option(names = "--cycles", defaultValue = "6", description = "change cycles (default 6; the first is not counted)")
        int cycles;

        @Option(names = "--out", defaultValue = "target/bench/tpch.csv", description = "CSV file to write (default target/bench/tpch.csv)")
        Path out;

        @Option(names = "--queries", split = ",", paramLabel = "Q", description = "queries to run, e.g. q01,q05 (default all 22)")
        List<String> queries = List.of();

        @Option(names = "--schema", defaultValue = "tpch", description = "schema to load into; it must not exist, or come from an earlier run (default tpch)")
        String schema;

        @Option(names = "--seed", defaultValue = "20261210", description = "seed of the generator and the change cycles")
        long seed;

        @Option(names = "--keep", description = "keep the schema and its stream tables when done")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            TrickleCommand root = (TrickleCommand) spec.root().userObject();
            TpchBenchmark.Options options;
            try {
                options = new TpchBenchmark.Options(scale, cycles, out, queries, schema, seed, keep);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            try (Target target = Target.resolve(connection, root)) {
                acting(() -> TpchBenchmark.run(target.url, options, root.out));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "scheduler", mixinStandardHelpOptions = true,
            header = "How many stream tables on 1 s schedules one daemon keeps fresh, and how stale they get.",
            description = {"Creates --tables small sources with one stream table each (1 s schedule) in a schema of its "
                    + "own, runs the daemon, and measures three phases of --seconds each: quiet, one row changed in 10 %% "
                    + "of the sources every second, and in all of them every second. Reports staleness (p50, p95, max), "
                    + "refreshes per second and failures per phase, as CSV and a table."})
    static final class Scheduler implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Spec
        CommandSpec spec;

        @Option(names = "--tables", defaultValue = "500", description = "stream tables (default 500)")
        int tables;

        @Option(names = "--seconds", defaultValue = "30", description = "length of each phase (default 30)")
        int seconds;

        @Option(names = "--via", defaultValue = "daemon", paramLabel = "PATH",
                description = "daemon (trickle run, a process of its own; default) or api (in this process, with heap figures)")
        String via;

        @Option(names = "--out", defaultValue = "target/bench/scheduler.csv", description = "CSV file to write (default target/bench/scheduler.csv)")
        Path out;

        @Option(names = "--schema", defaultValue = "trickle_bench_scheduler", description = "schema to work in (default trickle_bench_scheduler)")
        String schema;

        @Option(names = "--trickle-command", paramLabel = "CMD", description = "command that starts trickle run (default: java -jar with this jar)")
        String trickleCommand;

        @Override
        public Integer call() throws Exception {
            TrickleCommand root = (TrickleCommand) spec.root().userObject();
            Logging.configureForBenchmark(output.verbose || root.output.verbose);
            SchedulerLoad.Options options = new SchedulerLoad.Options(tables, seconds, Via.parseList(List.of(via)).get(0),
                    out, schema, commandOf(trickleCommand));
            try (Target target = Target.resolve(connection, root)) {
                SchedulerLoad.Report report = acting(() -> SchedulerLoad.run(target.url, options, root.err));
                root.out.print(json(output, root) ? JsonOutput.write(report) + "\n" : SchedulerLoad.render(report));
                root.out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            header = "Compare two benchmark CSVs: ratio of medians per case, regressions flagged.",
            description = {"Matches the cases of A and B (scenario, rows, change rate, path, baseline, writers) and prints "
                    + "the median of --metric in each (cycles 2 and later) and B / A. A case of Trickle's own (baseline "
                    + "trickle or full) slower by more than --threshold percent is a regression: the exit code is then 1. "
                    + "The REFRESH MATERIALIZED VIEW rows show how much the machine itself changed between the runs."})
    static final class Compare implements Callable<Integer> {
        @Mixin
        OutputOptions output;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A.csv", description = "the earlier run")
        Path a;

        @Parameters(index = "1", paramLabel = "B.csv", description = "the later run")
        Path b;

        @Option(names = "--threshold", defaultValue = "10", description = "allowed slowdown in percent (default 10)")
        double threshold;

        @Option(names = "--metric", defaultValue = "refresh_ms",
                description = "the CSV column compared: refresh_ms (default), wall_ms, write_ms, capture_us_per_row, "
                        + "latency_p50_ms, latency_p95_ms, latency_p99_ms, staleness_p95_s")
        String metric;

        @Override
        public Integer call() {
            TrickleCommand root = (TrickleCommand) spec.root().userObject();
            BenchCompare.Result r = BenchCompare.compare(a, b, metric, threshold);
            root.out.print(json(output, root) ? JsonOutput.write(r) + "\n" : BenchCompare.render(r));
            root.out.flush();
            return r.regressions() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    private static List<String> commandOf(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static boolean json(OutputOptions output, TrickleCommand root) {
        return output.json || root.output.json;
    }

    /** What a benchmark does; a database or file error becomes a failure while acting (exit 1). */
    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T acting(Work<T> work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ActionFailedException("the benchmark failed: " + e.getMessage(), e);
        }
    }

    /** The database a benchmark runs against: --url, TRICKLE_URL or the embedded server (started here, closed after). */
    private static final class Target implements AutoCloseable {
        final String url;
        private final EmbeddedServer embedded;

        private Target(String url, EmbeddedServer embedded) {
            this.url = url;
            this.embedded = embedded;
        }

        static Target resolve(ConnectionOptions connection, TrickleCommand root) {
            String url = connection.url != null ? connection.url : root.env.get("TRICKLE_URL");
            if (connection.embedded || (url == null && root.connection.embedded)) {
                EmbeddedServer embedded = EmbeddedServer.startOrAttach(EmbeddedServer.defaultHome());
                return new Target(embedded.ensureDatabase(EMBEDDED_DATABASE), embedded);
            }
            if (url == null) {
                url = root.connection.url;
            }
            if (url == null) {
                throw new InvalidInputException("no database given: use --url JDBC_URL, set TRICKLE_URL, or use --embedded");
            }
            return new Target(url, null);
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
