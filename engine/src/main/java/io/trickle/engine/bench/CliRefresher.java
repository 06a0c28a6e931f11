package io.trickle.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import java.io.IOException;

/**
 * Refreshes with a fresh {@code trickle refresh NAME --json} process each time: what a cron job pays,
 * the start of the JVM included. The engine's duration comes from the process's JSON; the wall time
 * is the whole process.
 */
final class CliRefresher implements TrickleRefresher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrickleLauncher launcher;

    CliRefresher(TrickleLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Via via() {
        return Via.CLI;
    }

    @Override
    public Measured refresh(RefreshCall call) {
        TrickleLauncher.Finished f = launcher.run("refresh", call.name(), "--json");
        if (f.exitCode() != 0) {
            throw new ActionFailedException("trickle refresh " + call.name() + " exited with " + f.exitCode() + ": "
                    + f.err().strip());
        }
        try {
            JsonNode j = JSON.readTree(f.out());
            JsonNode reason = j.path("reason");
            return new Measured(j.path("action").asText(), j.path("duration_ms").asDouble(Double.NaN), f.wallMs(),
                    j.path("rows_inserted").asLong(), j.path("rows_deleted").asLong(),
                    reason.isNull() || reason.isMissingNode() ? null : reason.asText());
        } catch (IOException e) {
            throw new ActionFailedException("trickle refresh " + call.name() + " --json printed something that is not "
                    + "one JSON document: " + f.out().strip(), e);
        }
    }

    @Override
    public void close() {
        // nothing outlives a refresh
    }
}
