package io.trickle.engine.catalog;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.EffectiveMode;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code pgtrickle.pgt_stream_tables}, as the engine reads it. A refresh or effective mode
 * that no engine wrote (a row edited by hand) is read as {@code AUTO}/{@code FULL} with its stored text
 * in {@code invalidMode}, so that listing and scheduling the other tables goes on; {@link #unusable()}
 * reports it.
 */
public record StreamTableRow(long id, String schema, String name, long storageOid, String definingQuery,
                             String originalQuery, String schedule, RefreshMode refreshMode, EffectiveMode effectiveMode,
                             String fallbackReason, String status, boolean populated, boolean needsReinit,
                             String reinitReason, int consecutiveErrors, String lastError, boolean keyedRowIds,
                             Integer sccId, Integer lastFixpointIterations, String timeZone, String searchPath,
                             Instant lastRefreshAt, Instant dataTimestamp, Instant createdAt, String invalidMode) {

    /** {@code schema.name}, quoted where needed. */
    public String displayName() {
        return io.trickle.engine.api.QualifiedName.of(schema, name).toString();
    }

    /**
     * The schedule as stored; {@link Schedule#CALCULATED} when the stored text is not a schedule (a
     * row edited by hand), which {@link #unusable()} reports.
     */
    public Schedule parsedSchedule() {
        try {
            return Schedule.parse(schedule);
        } catch (InvalidInputException e) {
            return Schedule.CALCULATED;
        }
    }

    /**
     * The refresh mode as stored.
     *
     * @throws InvalidInputException when the stored text is not a mode, saying how to set one
     */
    public RefreshMode mode() {
        if (invalidMode != null) {
            throw new InvalidInputException(unusable().orElse("stream table " + displayName() + " has no usable refresh mode"));
        }
        return refreshMode;
    }

    /**
     * Why the row cannot be scheduled or refreshed as it is stored — a schedule or mode that no
     * engine wrote — said with the table's name and the command that repairs it; empty when it can.
     * One such row must never stop the scheduler or the command line for the others (issue 18).
     */
    public Optional<String> unusable() {
        String table = displayName();
        try {
            Schedule.parse(schedule);
        } catch (InvalidInputException e) {
            return Optional.of("stream table " + table + " has a stored schedule that is not valid (" + e.getMessage()
                    + "); set one with 'trickle alter " + table + " --schedule S' and resume it with 'trickle alter "
                    + table + " --status ACTIVE'");
        }
        if (invalidMode != null) {
            return Optional.of("stream table " + table + " has a stored " + invalidMode + " that is not valid; set the mode"
                    + " with 'trickle alter " + table + " --mode AUTO|FULL|DIFFERENTIAL' and resume it with 'trickle alter "
                    + table + " --status ACTIVE'");
        }
        return Optional.empty();
    }
}
