package io.trickle.dagviewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.collections.SetChangeListener;
import javafx.scene.control.SelectionMode;
import org.junit.jupiter.api.Test;

/** The selection model alone: it needs JavaFX collections but no display. */
class DagSelectionModelTest {

    private final DagSelectionModel<String> model = new DagSelectionModel<>();

    @Test
    void singleModeKeepsOnlyTheLastSelection() {
        model.select("a");
        model.select("b");

        assertEquals(Set.of("b"), Set.copyOf(model.getSelectedItems()));
        assertEquals("b", model.getSelectedItem());
    }

    @Test
    void multipleModeAddsTogglesAndFallsBackToTheLastRemaining() {
        model.setSelectionMode(SelectionMode.MULTIPLE);
        model.selectAll(List.of("a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), List.copyOf(model.getSelectedItems()));
        assertEquals("c", model.getSelectedItem());

        model.toggle("c");
        assertEquals("b", model.getSelectedItem());
        model.toggle("c");
        assertTrue(model.isSelected("c"));

        model.clearAndSelect("a");
        assertEquals(Set.of("a"), Set.copyOf(model.getSelectedItems()));
    }

    @Test
    void switchingToSingleModeKeepsTheSelectedItem() {
        model.setSelectionMode(SelectionMode.MULTIPLE);
        model.selectAll(List.of("a", "b"));
        model.select("a");

        model.setSelectionMode(SelectionMode.SINGLE);

        assertEquals(Set.of("a"), Set.copyOf(model.getSelectedItems()));
    }

    @Test
    void verticesThatLeaveTheGraphLeaveTheSelection() {
        model.setSelectionMode(SelectionMode.MULTIPLE);
        model.selectAll(List.of("a", "b"));

        model.retainAll(List.of("a", "z"));

        assertEquals(Set.of("a"), Set.copyOf(model.getSelectedItems()));
        assertEquals("a", model.getSelectedItem());
        model.clearSelection();
        assertTrue(model.isEmpty());
        assertNull(model.getSelectedItem());
    }

    @Test
    void changesAreObservableAndTheSetIsReadOnly() {
        List<String> added = new ArrayList<>();
        model.getSelectedItems().addListener((SetChangeListener<String>) change -> {
            if (change.wasAdded()) {
                added.add(change.getElementAdded());
            }
        });

        model.select("a");
        model.select("a");

        assertEquals(List.of("a"), added, "selecting again changes nothing");
        assertThrows(UnsupportedOperationException.class, () -> model.getSelectedItems().add("x"));
        assertFalse(model.isSelected("x"));
    }
}
