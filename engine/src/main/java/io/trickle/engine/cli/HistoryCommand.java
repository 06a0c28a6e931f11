package io.trickle.engine.cli;

import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.Trickle;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Show the refresh history, newest first.")
final class HistoryCommand extends EngineCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this stream table")
    String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "how many rows (default 20)")
    int limit;

    @Override
    protected CliResult execute(Trickle trickle) {
        List<HistoryEntry> entries = trickle.history(name, limit);
        return CliResult.of(Map.of("history", entries), out -> {
            TextTable t = new TextTable("ID", "STARTED (UTC)", "NAME", "ACTION", "STATUS", "BY", "+ROWS", "-ROWS", "MS", "REASON / ERROR");
            for (HistoryEntry e : entries) {
                t.row(String.valueOf(e.refreshId()), TIME.format(e.startTime()), e.name(), e.action(), e.status(),
                        e.initiatedBy().name(), String.valueOf(e.rowsInserted()), String.valueOf(e.rowsDeleted()),
                        e.durationMs() == null ? "-" : String.format("%.1f", e.durationMs()),
                        e.errorMessage() != null ? e.errorMessage() : reason(e));
            }
            t.print(out);
        });
    }

    /** The reason, and for a run of checks that found nothing to do how many there were and the last one. */
    private static String reason(HistoryEntry e) {
        String reason = e.reason() == null ? "" : e.reason();
        if (e.isQuietRun()) {
            reason += " (" + e.quietChecks() + (e.quietChecks() == 1 ? " check" : " checks") + ", last at "
                    + TIME.format(e.lastCheckedAt()) + ")";
        }
        return reason;
    }
}
