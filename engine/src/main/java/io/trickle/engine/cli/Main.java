package io.trickle.engine.cli;

import io.trickle.engine.api.TrickleException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code java -jar trickle.jar}. {@link #run} is the testable entry point: it takes the streams and
 * the environment and returns the exit code; {@link #main} only calls {@code System.exit}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, System.getenv(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        boolean json = Arrays.asList(args).contains("--json");
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        CommandLine cli = commandLine(out, err, env, args);
        cli.setParameterExceptionHandler((ParameterException e, String[] ignored) -> {
            report(out, err, json, ExitCodes.INVALID, e.getMessage(), null);
            if (!json) {
                err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            }
            err.flush();
            return ExitCodes.INVALID;
        });
        cli.setExecutionExceptionHandler((Exception e, CommandLine cmd, CommandLine.ParseResult parsed) -> {
            int code = ExitCodes.of(e);
            String message = e instanceof TrickleException ? e.getMessage() : describeUnexpected(e);
            report(out, err, json, code, message, verbose ? e : null);
            return code;
        });
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new TrickleCommand(out, err, env));
        String named = commandNamed(args);
        TrickleCommand.COMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, command);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * The subcommand a command line names — its first word that is not an option or an option's
     * value — when it is one of ours and not {@code help}; null otherwise (every command is then
     * registered, so that help and the error for an unknown command list them all).
     */
    static String commandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--url")) {
                i++;
            } else if (!a.startsWith("-")) {
                return TrickleCommand.COMMANDS.containsKey(a) && !a.equals("help") ? a : null;
            }
        }
        return null;
    }

    private static void report(PrintWriter out, PrintWriter err, boolean json, int code, String message, Throwable trace) {
        if (json) {
            out.println(JsonOutput.error(code, message));
            out.flush();
        }
        err.println("trickle: " + message);
        if (trace != null) {
            trace.printStackTrace(err);
        }
        err.flush();
    }

    private static String describeUnexpected(Throwable e) {
        String m = e.getMessage();
        return "unexpected failure: " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (run with --verbose for details)";
    }
}
