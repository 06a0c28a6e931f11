package io.trickle.desktop.workbench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Owns the history of local edits: a bounded undo stack and a redo stack, and a revision the UI can
 * watch. An edit may not start another edit while it runs (an edit is one step for the DBA, and a
 * nested push would make Undo take back half of it), so {@link #perform} refuses to be re-entered.
 */
public final class UndoManager {

    private final int limit;
    private final Deque<UndoableEdit> undo = new ArrayDeque<>();
    private final Deque<UndoableEdit> redo = new ArrayDeque<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "Redo");
    private boolean busy;

    public UndoManager(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the undo limit must be at least 1");
        }
        this.limit = limit;
    }

    /** Executes the edit and remembers it. Returns false (and remembers nothing) if it cannot execute. */
    public boolean perform(UndoableEdit edit) {
        if (!edit.canExecute()) {
            return false;
        }
        runGuarded(edit::execute);
        undo.push(edit);
        if (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
        changed();
        return true;
    }

    public void undo() {
        UndoableEdit edit = undo.peek();
        if (edit == null) {
            return;
        }
        runGuarded(edit::undo);
        redo.push(undo.pop());
        changed();
    }

    public void redo() {
        UndoableEdit edit = redo.peek();
        if (edit == null) {
            return;
        }
        runGuarded(edit::redo);
        undo.push(redo.pop());
        changed();
    }

    /** Forgets the history, for example when the state the edits refer to is replaced wholesale. */
    public void clear() {
        undo.clear();
        redo.clear();
        changed();
    }

    public Optional<String> nextUndoDescription() {
        return Optional.ofNullable(undo.peek()).map(UndoableEdit::description);
    }

    public Optional<String> nextRedoDescription() {
        return Optional.ofNullable(redo.peek()).map(UndoableEdit::description);
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** "Undo Move Jobs to bottom", or "Undo" when there is nothing to undo; for the menu item. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    private void runGuarded(Runnable step) {
        if (busy) {
            throw new IllegalStateException("an edit may not start another edit while it runs");
        }
        busy = true;
        try {
            step.run();
        } finally {
            busy = false;
        }
    }

    private void changed() {
        revision.set(revision.get() + 1);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoText.set(nextUndoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(nextRedoDescription().map(d -> "Redo " + d).orElse("Redo"));
    }
}
