package io.trickle.engine.cli;

import io.trickle.engine.api.CreateRequest;
import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Trickle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
        header = "Create a stream table from a query.",
        description = {"Validates the query, creates the storage table NAME with the query's columns, installs change "
                + "capture on its sources and populates it. AUTO (the default) maintains the table differentially where "
                + "the query allows it and says why when it does not; DIFFERENTIAL refuses a query it cannot maintain."})
final class CreateCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[schema.]name of the stream table")
    String name;

    @Option(names = "--query", required = true, paramLabel = "SQL", description = "the defining query: exactly one SELECT")
    String query;

    @Mixin
    DefinitionOptions definition;

    @Option(names = "--no-initialize", description = "create the table empty; the first refresh populates it")
    boolean noInitialize;

    @Override
    protected CliResult execute(Trickle trickle) {
        CreateRequest request = CreateRequest.of(name, query).populated(!noInitialize);
        if (definition.schedule != null) {
            request = request.schedule(definition.schedule);
        }
        if (definition.mode != null) {
            request = request.mode(definition.mode);
        }
        CreateResult r = trickle.create(request);
        return CliResult.of(r, out -> {
            out.printf("Created stream table %s (%s%s)%n", r.name(), r.effectiveMode(),
                    r.refreshMode() == RefreshMode.AUTO ? " chosen by AUTO" : "");
            if (r.fallbackReason() != null) {
                out.printf("  FULL because: %s%n", r.fallbackReason());
            }
            out.println(r.populated() ? "  populated with " + r.rowsInserted() + " rows" : "  not populated yet (--no-initialize)");
            r.warnings().forEach(w -> out.printf("  warning: %s%n", w));
        });
    }
}
