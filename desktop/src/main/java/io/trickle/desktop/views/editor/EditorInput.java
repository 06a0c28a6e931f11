package io.trickle.desktop.views.editor;

import io.trickle.desktop.services.ErrorMessages;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.TrickleException;
import java.util.Optional;

/**
 * Checks what the DBA typed into the editor before anything is sent to the database, with the
 * engine's own parsers, so the editor says what is wrong while the DBA types and the engine's
 * refusals are left to what only the database can know.
 */
final class EditorInput {

    private EditorInput() {
    }

    /** The first thing wrong with the input, as a sentence; empty when it can be sent. */
    static Optional<String> problem(boolean isNew, String name, String query, String schedule, String mode) {
        if (isNew) {
            if (name == null || name.isBlank()) {
                return Optional.of("Name the stream table: [schema.]name.");
            }
            Optional<String> badName = check(() -> QualifiedName.parse(name));
            if (badName.isPresent()) {
                return badName;
            }
        }
        if (query == null || query.isBlank()) {
            return Optional.of("Write the query that defines the stream table.");
        }
        Optional<String> badSchedule = check(() -> Schedule.parse(schedule));
        if (badSchedule.isPresent()) {
            return badSchedule;
        }
        return modeProblem(mode);
    }

    static Optional<String> modeProblem(String mode) {
        return check(() -> RefreshMode.parse(mode == null ? "" : mode));
    }

    /** The schedule as the engine stores it ({@code 5m}, {@code calculated}), or the text when it does not parse. */
    static String normalisedSchedule(String schedule) {
        try {
            return Schedule.parse(schedule).display();
        } catch (TrickleException e) {
            return schedule == null ? "" : schedule.trim();
        }
    }

    private static Optional<String> check(Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (TrickleException e) {
            return Optional.of(ErrorMessages.describe(e) + (e.getMessage().endsWith(".") ? "" : "."));
        }
    }
}
