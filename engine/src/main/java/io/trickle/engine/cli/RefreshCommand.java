package io.trickle.engine.cli;

import io.trickle.engine.api.RefreshOptions;
import io.trickle.engine.api.RefreshResult;
import io.trickle.engine.api.Trickle;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        header = "Refresh a stream table now, synchronously.",
        description = {"Prints the action (NO_DATA, DIFFERENTIAL, FULL, REINITIALIZE, SKIP), the rows inserted and deleted, "
                + "the duration and, for a FULL refresh or a skip, why. Waits up to lock_timeout_ms when the table is "
                + "being refreshed.",
            "Watermark gating is the scheduler's rule: a refresh by hand runs even while a watermark group beneath the "
                + "table is misaligned, and its reason says which group it overrode. With --respect-watermarks it skips "
                + "instead, as the scheduler would, and records a SKIP in the history."})
final class RefreshCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "[schema.]name of the stream table")
    String name;

    @Option(names = "--full", description = "recompute the whole query instead of applying the delta")
    boolean full;

    @Option(names = "--respect-watermarks",
            description = "skip (action SKIP) while a watermark group beneath the table is misaligned")
    boolean respectWatermarks;

    @Override
    protected CliResult execute(Trickle trickle) {
        RefreshResult r = trickle.refresh(name, new RefreshOptions(full, respectWatermarks));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", r.name());
        json.put("action", r.action().name());
        json.put("rows_inserted", r.rowsInserted());
        json.put("rows_deleted", r.rowsDeleted());
        json.put("duration_ms", r.durationMs());
        json.put("reason", r.reason());
        return CliResult.of(json, out -> out.printf("%s: %s, %d inserted, %d deleted, %.1f ms%s%n", r.name(), r.action(),
                r.rowsInserted(), r.rowsDeleted(), r.durationMs(), r.reason() == null ? "" : " (" + r.reason() + ")"));
    }
}
