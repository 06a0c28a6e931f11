package io.trickle.desktop.services;

import java.util.Objects;

/**
 * A stream table as the editor sends it to {@code create}: already checked by the editor, so the
 * engine's refusals are about the database (a missing source, a name clash), not about typing.
 *
 * @param name       {@code [schema.]name}, as the DBA typed it
 * @param query      the defining query
 * @param schedule   a duration, a cron expression or {@code calculated}
 * @param mode       AUTO, FULL or DIFFERENTIAL
 * @param initialize whether to populate it at once
 */
public record StreamTableDraft(String name, String query, String schedule, String mode, boolean initialize) {

    public StreamTableDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(mode, "mode");
    }
}
