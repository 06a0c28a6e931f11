package io.trickle.engine.cli;

import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.UninstallResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "uninstall", mixinStandardHelpOptions = true,
        header = "Remove everything Trickle installed in the database.",
        description = {"Drops the capture triggers and change buffers, the guards, the SQL API and the catalog "
                + "(schemas pgtrickle and pgtrickle_changes). Storage tables of stream tables stay, as plain tables. "
                + "Asks for --yes."})
final class UninstallCommand extends EngineCommand {

    @Option(names = "--yes", description = "confirm the removal")
    boolean yes;

    @Override
    protected CliResult execute(Trickle trickle) {
        if (!yes) {
            throw new InvalidInputException("uninstall removes the Trickle catalog, change buffers and triggers from "
                    + trickle.databaseName() + "; run it again with --yes to confirm");
        }
        UninstallResult r = trickle.uninstall();
        return CliResult.of(r, out -> {
            if (!r.wasInstalled()) {
                out.printf("Trickle is not installed in %s; nothing to remove%n", trickle.databaseName());
                return;
            }
            out.printf("Removed Trickle from %s%n", trickle.databaseName());
            if (!r.sourcesReleased().isEmpty()) {
                out.printf("  capture removed from: %s%n", String.join(", ", r.sourcesReleased()));
            }
            if (!r.storageTablesKept().isEmpty()) {
                out.printf("  kept as plain tables: %s%n", String.join(", ", r.storageTablesKept()));
            }
        });
    }
}
