package io.trickle.engine.cli;

import io.trickle.engine.api.Version;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/**
 * The root of {@code trickle}. It holds what every subcommand needs from the process (standard
 * output and error, the environment); subcommands reach it through their spec's root.
 */
@Command(name = "trickle",
        mixinStandardHelpOptions = true,
        versionProvider = TrickleCommand.VersionProvider.class,
        header = "Stream tables for PostgreSQL: tables defined by a query, kept fresh incrementally.",
        description = {
            "Connect with --url JDBC_URL (or the TRICKLE_URL environment variable), or use --embedded.",
            "Connection and output options may come before or after the command."},
        footer = {"", "Exit codes: 0 success; 1 failed while acting; 2 refused before anything changed; 3 no session."},
        subcommands = {
            InstallCommand.class,
            UninstallCommand.class,
            CreateCommand.class,
            AlterCommand.class,
            DropCommand.class,
            RefreshCommand.class,
            ListCommand.class,
            ShowCommand.class,
            HistoryCommand.class,
            BenchCommand.class,
            ConfigCommand.class,
            WatermarkCommand.class,
            RunCommand.class,
            DemoCommand.class,
            HelpCommand.class})
final class TrickleCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    final PrintWriter out;
    final PrintWriter err;
    final Map<String, String> env;

    TrickleCommand(PrintWriter out, PrintWriter err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "no command given; see 'trickle --help'");
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"trickle " + Version.engine(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
