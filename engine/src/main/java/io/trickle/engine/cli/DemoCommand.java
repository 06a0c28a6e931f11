package io.trickle.engine.cli;

import io.trickle.engine.api.EngineOptions;
import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.embedded.Demo;
import io.trickle.engine.embedded.EmbeddedServer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the demo: embedded PostgreSQL, a sample shop with stream tables, the scheduler in the foreground.",
        description = {"Starts the embedded PostgreSQL 18 (data under ~/.trickle/embedded, port 54329 when free; or "
                + "attaches to it when another Trickle process runs it), installs the catalog and the demo — the tables "
                + "of a small shop and stream tables over them and over each other on several schedules — and runs the "
                + "scheduler like 'trickle run' until SIGTERM or Ctrl-C (exit code 0). Running it again keeps what is "
                + "there; with --reset it puts the demo back as a first install leaves it. The workbench's --demo opens "
                + "the same demo."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Option(names = "--reset", description = "first put the demo back as a first install leaves it: drop the schemas "
            + "shop, reporting and etl with everything in them (and the stream tables that read them), the demo's "
            + "watermark group and the setting it changed, then install it again")
    boolean reset;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TrickleCommand root = (TrickleCommand) spec.root().userObject();
        Logging.configure(output.verbose || root.output.verbose);
        try (EmbeddedServer server = EmbeddedServer.startOrAttach(EmbeddedServer.defaultHome());
             Trickle trickle = Trickle.open(EngineOptions.forUrl(server.jdbcUrl()).withMaxConnections(RunCommand.POOL_SIZE))) {
            InstallResult catalog = trickle.install();
            List<String> created = reset ? Demo.reset(trickle, server.jdbcUrl()) : Demo.install(trickle, server.jdbcUrl());
            root.err.printf("trickle demo: catalog %s in %s; %s%n", catalog.catalogVersion(), trickle.databaseName(),
                    created.isEmpty() ? "the demo was already there (--reset puts it back as first installed)"
                            : (reset ? "reset: " : "created ") + String.join(", ", created));
            root.err.printf("trickle demo: look at it with psql -h localhost -p %d -U postgres %s, or the workbench%n",
                    server.port(), EmbeddedServer.DATABASE);
            SchedulerInForeground.run(trickle, root.err, "trickle demo: scheduling " + trickle.databaseName());
            if (output.json || root.output.json) {
                java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
                json.put("database", trickle.databaseName());
                json.put("reset", reset);
                json.put("created", created);
                json.put("stopped", true);
                root.out.println(JsonOutput.write(json));
            } else {
                root.out.printf("Stopped the demo of %s%n", trickle.databaseName());
            }
            root.out.flush();
            return ExitCodes.OK;
        }
    }
}
