package io.trickle.engine.cli;

import io.trickle.engine.bench.CoreBenchmark;
import io.trickle.engine.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run a benchmark and write its results as CSV.",
        description = {"Benchmarks create their own tables (bench_*) in the target database and drop their stream tables "
                + "when done. Use a scratch database."},
        subcommands = {BenchCommand.Core.class})
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
            String url = connection.url != null ? connection.url : root.env.get("TRICKLE_URL");
            EmbeddedServer embedded = null;
            if (connection.embedded || (url == null && root.connection.embedded)) {
                embedded = EmbeddedServer.startOrAttach(EmbeddedServer.defaultHome());
                url = embedded.jdbcUrl();
            } else if (url == null) {
                url = root.connection.url;
            }
            if (url == null) {
                throw new io.trickle.engine.api.TrickleException.InvalidInputException(
                        "no database given: use --url JDBC_URL, set TRICKLE_URL, or use --embedded");
            }
            try {
                CoreBenchmark.run(url, new CoreBenchmark.Options(rows, changePct, cycles, out), root.out);
                return ExitCodes.OK;
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
            }
        }
    }
}
