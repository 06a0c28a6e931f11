package io.trickle.engine.cli;

import io.trickle.engine.api.AlterRequest;
import io.trickle.engine.api.StreamTableInfo;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "alter", mixinStandardHelpOptions = true,
        header = "Change a stream table's query, schedule, mode or status.",
        description = {"A new query (or mode) is derived again and the table repopulated in one transaction. The storage "
                + "table is kept (grants, indexes, views reading it) when its columns can be adapted in place; otherwise "
                + "the change is refused, naming what depends on it."})
final class AlterCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[schema.]name of the stream table")
    String name;

    @Option(names = "--query", paramLabel = "SQL", description = "a new defining query")
    String query;

    @Mixin
    DefinitionOptions definition;

    @Option(names = "--status", paramLabel = "STATUS", description = "ACTIVE or SUSPENDED")
    String status;

    @Override
    protected CliResult execute(Trickle trickle) {
        AlterRequest request = AlterRequest.of(name).query(query).schedule(definition.schedule).mode(definition.mode)
                .status(status == null ? null : AlterRequest.Status.parse(status));
        if (request.changesNothing()) {
            throw new InvalidInputException("nothing to change: give --query, --schedule, --mode or --status");
        }
        StreamTableInfo info = trickle.alter(request);
        return CliResult.of(info, out -> out.printf("Altered stream table %s: %s, %s, schedule %s%n", info.name(),
                info.status(), info.effectiveMode(), info.schedule()));
    }
}
