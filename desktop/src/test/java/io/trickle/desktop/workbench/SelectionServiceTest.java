package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionServiceTest {

    private final SelectionService selection = new SelectionService();

    @Test
    void followsTheLastPartThatPublished() {
        List<SelectionService.Selection> seen = new ArrayList<>();
        selection.selectionProperty().addListener((obs, old, now) -> seen.add(now));
        selection.publish("navigator", List.of("public.orders_daily"));
        selection.publish("navigator", List.of("public.orders_daily"));
        selection.publish("dag", List.of(42, "public.orders"));

        assertEquals(2, seen.size(), "publishing the same selection again changes nothing");
        assertEquals("dag", selection.current().sourceId());
        assertEquals(42, selection.current().first(Integer.class).orElseThrow());
        assertEquals("public.orders", selection.current().first(String.class).orElseThrow());
    }

    @Test
    void aClosingPartClearsOnlyItsOwnSelection() {
        selection.publish("navigator", List.of("x"));
        selection.clearFrom("dag");
        assertEquals("navigator", selection.current().sourceId());
        selection.clearFrom("navigator");
        assertTrue(selection.current().isEmpty());
    }
}
