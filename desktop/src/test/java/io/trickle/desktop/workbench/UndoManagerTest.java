package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoManagerTest {

    /** Appends a word to a shared document; undo removes it. */
    private static class Append implements UndoableEdit {
        private final List<String> document;
        private final String word;

        Append(List<String> document, String word) {
            this.document = document;
            this.word = word;
        }

        @Override
        public String description() {
            return "Add " + word;
        }

        @Override
        public boolean canExecute() {
            return !word.isEmpty();
        }

        @Override
        public void execute() {
            document.add(word);
        }

        @Override
        public void undo() {
            document.remove(document.size() - 1);
        }
    }

    private final List<String> document = new ArrayList<>();
    private final UndoManager undo = new UndoManager(2);

    @Test
    void undoesAndRedoesInOrderAndNamesTheNextStep() {
        undo.perform(new Append(document, "a"));
        undo.perform(new Append(document, "b"));
        assertEquals("Undo Add b", undo.undoTextProperty().get());

        undo.undo();
        assertEquals(List.of("a"), document);
        assertEquals("Redo Add b", undo.redoTextProperty().get());
        assertTrue(undo.canRedoProperty().get());

        undo.redo();
        assertEquals(List.of("a", "b"), document);
        assertFalse(undo.canRedoProperty().get());
    }

    @Test
    void aNewEditClearsTheRedoStack() {
        undo.perform(new Append(document, "a"));
        undo.undo();
        undo.perform(new Append(document, "b"));
        assertFalse(undo.canRedoProperty().get());
        assertEquals("Redo", undo.redoTextProperty().get());
    }

    @Test
    void keepsOnlyTheNewestEditsUpToItsLimit() {
        undo.perform(new Append(document, "a"));
        undo.perform(new Append(document, "b"));
        undo.perform(new Append(document, "c"));
        undo.undo();
        undo.undo();
        undo.undo();
        assertEquals(List.of("a"), document, "the oldest edit fell off the bounded stack");
    }

    @Test
    void anEditThatCannotExecuteIsNotRemembered() {
        int revision = undo.revisionProperty().get();
        assertFalse(undo.perform(new Append(document, "")));
        assertFalse(undo.canUndoProperty().get());
        assertEquals(revision, undo.revisionProperty().get());
    }

    @Test
    void anEditMayNotStartAnotherWhileItRuns() {
        UndoableEdit nested = new Append(document, "outer") {
            @Override
            public void execute() {
                undo.perform(new Append(document, "inner"));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> undo.perform(nested));
        assertTrue(e.getMessage().contains("may not start another edit"));
        assertTrue(document.isEmpty());
    }
}
