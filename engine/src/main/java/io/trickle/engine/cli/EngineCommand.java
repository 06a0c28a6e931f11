package io.trickle.engine.cli;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.embedded.EmbeddedServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that talks to a database: it works out the connection from the options
 * given at any level (innermost wins), opens the engine, runs the command and prints its result.
 */
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** Does the work; the engine is open and closed around it. */
    protected abstract CliResult execute(Trickle trickle);

    /**
     * The options the engine opens with; the daemon adds its metrics' listeners here. Called before
     * anything connects, so it may refuse bad input.
     */
    protected EngineOptions options(EngineOptions base) {
        return base;
    }

    /** How many sessions the command needs; the daemon overrides this. */
    protected int maxConnections() {
        return 2;
    }

    @Override
    public final Integer call() {
        TrickleCommand root = root();
        boolean json = jsonRequested();
        Logging.configure(verboseRequested(), logFormatRequested());
        EmbeddedServer embedded = null;
        try {
            String url;
            if (embeddedRequested()) {
                embedded = EmbeddedServer.startOrAttach(EmbeddedServer.defaultHome());
                url = embedded.jdbcUrl();
            } else {
                url = urlOption();
                if (url == null) {
                    url = root.env.get("TRICKLE_URL");
                }
                if (url == null || url.isBlank()) {
                    throw new InvalidInputException("no database given: use --url JDBC_URL, set TRICKLE_URL, or use --embedded");
                }
            }
            CliResult result;
            try (Trickle trickle = Trickle.open(options(EngineOptions.forUrl(url).withMaxConnections(maxConnections())))) {
                result = execute(trickle);
            }
            if (json) {
                root.out.println(JsonOutput.write(result.json()));
            } else {
                result.printText(root.out);
            }
            root.out.flush();
            return result.exitCode();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    TrickleCommand root() {
        return (TrickleCommand) spec.root().userObject();
    }

    boolean jsonRequested() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof EngineCommand c && c.output.json) {
                return true;
            }
            if (s.userObject() instanceof TrickleCommand t && t.output.json) {
                return true;
            }
            if (s.userObject() instanceof GroupCommand g && g.output.json) {
                return true;
            }
        }
        return false;
    }

    private boolean verboseRequested() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            OutputOptions o = outputOf(s.userObject());
            if (o != null && o.verbose) {
                return true;
            }
        }
        return false;
    }

    private LogFormat logFormatRequested() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            OutputOptions o = outputOf(s.userObject());
            if (o != null && o.logFormat != null) {
                return o.logFormat;
            }
        }
        return LogFormat.TEXT;
    }

    private boolean embeddedRequested() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            ConnectionOptions c = connectionOf(s.userObject());
            if (c != null && c.embedded) {
                if (urlOption() != null) {
                    throw new InvalidInputException("give either --url or --embedded, not both");
                }
                return true;
            }
        }
        return false;
    }

    private String urlOption() {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            ConnectionOptions c = connectionOf(s.userObject());
            if (c != null && c.url != null) {
                return c.url;
            }
        }
        return null;
    }

    private static ConnectionOptions connectionOf(Object command) {
        if (command instanceof EngineCommand c) {
            return c.connection;
        }
        if (command instanceof TrickleCommand t) {
            return t.connection;
        }
        if (command instanceof GroupCommand g) {
            return g.connection;
        }
        return null;
    }

    private static OutputOptions outputOf(Object command) {
        if (command instanceof EngineCommand c) {
            return c.output;
        }
        if (command instanceof TrickleCommand t) {
            return t.output;
        }
        if (command instanceof GroupCommand g) {
            return g.output;
        }
        return null;
    }
}
