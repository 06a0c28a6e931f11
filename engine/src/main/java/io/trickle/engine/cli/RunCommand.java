package io.trickle.engine.cli;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.metrics.EngineMetrics;
import io.trickle.engine.metrics.MetricsServer;
import java.io.UncheckedIOException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run the scheduler daemon in the foreground: keep every stream table fresh.",
        description = {"One engine per database schedules (the leader); others started against the same database "
                + "follow and take over when it stops. SIGTERM or Ctrl-C stops the daemon within 10 seconds "
                + "with exit code 0: in-flight refreshes finish or roll back.",
            "Logs one line per refresh on standard error."})
final class RunCommand extends EngineCommand {

    /** Sessions for up to 32 concurrent refreshes (the highest max_concurrent_refreshes) plus the scheduler's own. */
    static final int POOL_SIZE = 34;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve Prometheus metrics at http://HOST:PORT/metrics, liveness at /health and readiness "
                    + "at /ready (ready on leader and follower; the body says which)")
    Integer metricsPort;

    private EngineMetrics metrics;

    @Override
    protected int maxConnections() {
        return POOL_SIZE;
    }

    @Override
    protected EngineOptions options(EngineOptions base) {
        if (metricsPort == null) {
            return base;
        }
        if (metricsPort < 1 || metricsPort > 65_535) {
            throw new InvalidInputException("invalid --metrics-port " + metricsPort + ": expected a TCP port from 1 to 65535");
        }
        metrics = new EngineMetrics();
        return base.withListeners(metrics.listeners());
    }

    @Override
    protected CliResult execute(Trickle trickle) {
        if (metrics == null) {
            SchedulerInForeground.run(trickle, root().err, "trickle run: scheduling " + trickle.databaseName());
        } else {
            metrics.attach(trickle);
            MetricsServer server;
            try {
                server = MetricsServer.start(metricsPort, metrics, trickle);
            } catch (UncheckedIOException e) {
                throw new ActionFailedException(e.getMessage(), e);
            }
            try (server) {
                SchedulerInForeground.run(trickle, root().err, "trickle run: scheduling " + trickle.databaseName()
                        + "; metrics at http://localhost:" + server.port() + "/metrics");
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", trickle.databaseName());
        json.put("stopped", true);
        return CliResult.of(json, out -> out.printf("Stopped scheduling %s%n", trickle.databaseName()));
    }
}
