package io.trickle.desktop.workbench;

/**
 * One change to local state that can be taken back: moving a view, later an edit to a stream table
 * definition before it is applied. Changes to the database are never undoable edits; they ask first.
 */
public interface UndoableEdit {

    /** Shown in the Undo and Redo menu items ("Undo Move Jobs to bottom"). */
    String description();

    /** False when the edit would change nothing or cannot apply to the current state. */
    boolean canExecute();

    void execute();

    void undo();

    default void redo() {
        execute();
    }
}
