package io.trickle.engine.cli;

import io.trickle.engine.bench.CoreBenchmark;
import io.trickle.engine.bench.tpch.TpchBenchmark;
import io.trickle.engine.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run a benchmark and write its results as CSV.",
        description = {"Benchmarks create their own tables in the target database (bench_* for core, a schema of their "
                + "own for tpch) and drop their stream tables when done. Use a scratch database."},
        subcommands = {BenchCommand.Core.class, BenchCommand.Tpch.class})
final class BenchCommand extends GroupCommand {

    @Command(name = "core", mixinStandardHelpOptions = true,
            header = "DIFFERENTIAL against FULL refresh for a scan, an aggregate and a join.")
    static final class Core implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Spec
        CommandSpec spec;

        @Option(names = "--rows", defaultValue = "100000", description = "orders in the source table (default 100000)")
        long rows;

        @Option(names = "--change-pct", defaultValue = "1", description = "percentage of rows changed per cycle (default 1)")
        double changePct;

        @Option(names = "--cycles", defaultValue = "6", description = "measured cycles (default 6)")
        int cycles;

        @Option(names = "--out", defaultValue = "target/bench/core.csv", description = "CSV file to write (default target/bench/core.csv)")
        Path out;

        @Override
        public Integer call() throws Exception {
            TrickleCommand root = (TrickleCommand) spec.root().userObject();
            try (Target target = Target.resolve(connection, root)) {
                CoreBenchmark.run(target.url, new CoreBenchmark.Options(rows, changePct, cycles, out), root.out);
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
                throw new io.trickle.engine.api.TrickleException.InvalidInputException(e.getMessage(), e);
            }
            try (Target target = Target.resolve(connection, root)) {
                TpchBenchmark.run(target.url, options, root.out);
                return ExitCodes.OK;
            }
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
                return new Target(embedded.jdbcUrl(), embedded);
            }
            if (url == null) {
                url = root.connection.url;
            }
            if (url == null) {
                throw new io.trickle.engine.api.TrickleException.InvalidInputException(
                        "no database given: use --url JDBC_URL, set TRICKLE_URL, or use --embedded");
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
