package io.trickle.desktop.workbench;

import java.util.Optional;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What a command does, registered under its {@link CommandId}. View models create these; menus and
 * buttons only call {@link #execute} when {@link #executable} holds.
 *
 * <p>A command that changes the database says what it will do in {@link #preview} (the SQL or a
 * sentence), and asks before anything destructive. A command that changes local state (layout, an
 * editor's text) hands an {@link UndoableEdit} to the {@link UndoManager} instead of changing it
 * directly, so that Undo can take it back.
 */
public interface WorkbenchCommand {

    ObservableBooleanValue executable();

    default boolean canExecute() {
        return executable().get();
    }

    /** What executing it now would do, for tooltips and confirmation dialogs; empty when obvious. */
    default Optional<String> preview() {
        return Optional.empty();
    }

    /** Runs the command. Long work goes to a background task; this returns at once. */
    void execute();

    /** A command whose availability is given by a boolean observable. */
    static WorkbenchCommand of(ObservableBooleanValue executable, Runnable action) {
        return new WorkbenchCommand() {
            @Override
            public ObservableBooleanValue executable() {
                return executable;
            }

            @Override
            public void execute() {
                action.run();
            }
        };
    }
}
