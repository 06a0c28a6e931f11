package io.trickle.engine.cli;

import io.trickle.engine.api.Trickle;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drop", mixinStandardHelpOptions = true,
        header = "Drop a stream table.",
        description = {"Drops the storage table and the catalog rows, and removes change capture from sources no other "
                + "stream table reads. Refused while other stream tables read it, unless --cascade."})
final class DropCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[schema.]name of the stream table")
    String name;

    @Option(names = "--cascade", description = "also drop the stream tables (and views) that read it")
    boolean cascade;

    @Override
    protected CliResult execute(Trickle trickle) {
        List<String> dropped = trickle.drop(name, cascade);
        return CliResult.of(Map.of("dropped", dropped), out -> out.printf("Dropped %s%n", String.join(", ", dropped)));
    }
}
