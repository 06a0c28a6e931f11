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
        footer = {"", "Exit codes: 0 success; 1 failed while acting; 2 refused before anything changed; 3 no session."})
final class TrickleCommand implements Runnable {

    /**
     * The subcommands by name, in the order help lists them. {@link Main} registers only the one a
     * command line names (picocli reads every registered command's annotations when it starts, a
     * good part of a one-shot command's start-up), and all of them for help and for errors.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("install", InstallCommand.class);
        m.put("uninstall", UninstallCommand.class);
        m.put("create", CreateCommand.class);
        m.put("alter", AlterCommand.class);
        m.put("drop", DropCommand.class);
        m.put("refresh", RefreshCommand.class);
        m.put("list", ListCommand.class);
        m.put("show", ShowCommand.class);
        m.put("history", HistoryCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("watermark", WatermarkCommand.class);
        m.put("run", RunCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("help", picocli.CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

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
