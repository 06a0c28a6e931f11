package io.trickle.engine.cli;

import io.trickle.engine.api.InstallResult;
import io.trickle.engine.api.Trickle;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "install", mixinStandardHelpOptions = true,
        header = "Install the Trickle catalog, or upgrade an older one in place.",
        description = {"Creates schemas pgtrickle and pgtrickle_changes with the catalog and the SQL API. "
                + "Running it again changes nothing; against an older catalog it applies the newer migrations "
                + "in one transaction. Needs the CREATE privilege on the database."})
final class InstallCommand extends EngineCommand {

    @Override
    protected CliResult execute(Trickle trickle) {
        InstallResult r = trickle.install();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", r.database());
        json.put("previous_version", r.previousVersion());
        json.put("catalog_version", r.catalogVersion());
        json.put("migrations_applied", r.migrationsApplied());
        json.put("changed", r.changed());
        json.put("warnings", r.warnings());
        return CliResult.of(json, out -> {
            if (r.previousVersion() == null) {
                out.printf("Installed the Trickle catalog into %s: version %s%n", r.database(), r.catalogVersion());
            } else if (r.changed()) {
                out.printf("Upgraded the Trickle catalog in %s from version %s to %s%n", r.database(),
                        r.previousVersion(), r.catalogVersion());
            } else {
                out.printf("The Trickle catalog in %s is up to date: version %s (nothing changed)%n", r.database(),
                        r.catalogVersion());
            }
            r.warnings().forEach(w -> out.printf("warning: %s%n", w));
        });
    }
}
