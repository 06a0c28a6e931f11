package io.trickle.engine.cli;

import io.trickle.engine.api.SccStatus;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.Trickle;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        header = "Show a stream table's definition, operator tree and delta SQL.")
final class ShowCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[schema.]name of the stream table")
    String name;

    @Override
    protected CliResult execute(Trickle trickle) {
        StreamTableDetails d = trickle.show(name);
        Optional<SccStatus> cycle = trickle.sccStatus().stream().filter(s -> s.members().contains(d.name())).findFirst();
        return CliResult.of(d, out -> {
            out.printf("Stream table %s%n", d.name());
            out.printf("  status:   %s%n", d.status());
            out.printf("  mode:     %s (runs %s)%s%n", d.refreshMode(), d.effectiveMode(),
                    d.fallbackReason() == null ? "" : " — " + d.fallbackReason());
            out.printf("  schedule: %s%n", d.schedule());
            cycle.ifPresent(s -> out.printf("  cycle:    scc %d with %s; %s%n", s.sccId(), String.join(", ", s.members()),
                    s.lastIterations() == null ? "no fixpoint run yet"
                            : "last fixpoint run: " + s.lastIterations() + " iterations" + (s.lastConvergedAt() == null
                            ? ", never converged" : ", last converged " + s.lastConvergedAt())));
            if (d.lastError() != null) {
                out.printf("  error:    %s%n", d.lastError());
            }
            out.printf("  sources:  %s%n", String.join(", ", d.sources()));
            out.printf("  columns:  %s%n", String.join(", ", d.columns()));
            out.printf("  row id:   %s%n", d.rowIdentity());
            out.printf("%nQuery:%n  %s%n", d.originalQuery().replace("\n", "\n  "));
            if (d.operatorTree() != null) {
                out.printf("%nOperator tree:%n%s", indent(d.operatorTree()));
                out.printf("Maintained: %s%n", d.strategy());
                out.printf("%nDelta SQL:%n%s%n", indent(d.deltaSql()));
            } else if (d.strategy() != null) {
                out.printf("%n%s%n", d.strategy());
            }
            out.printf("%nFull SQL:%n%s%n", indent(d.fullSql()));
        });
    }

    private static String indent(String s) {
        return "  " + s.strip().replace("\n", "\n  ") + "\n";
    }
}
