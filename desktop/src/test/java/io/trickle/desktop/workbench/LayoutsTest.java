package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutsTest {

    private final LayoutNode admin = LayoutCodec.decode(LayoutCodecTest.ADMIN);

    @Test
    void movesAViewToTheEndOfAnotherStackAndShowsIt() {
        LayoutNode moved = Layouts.move(admin, "connections", "bottom");
        assertEquals("split(h 0.2500 0.7800: stack(left *navigator), "
                + "split(v 0.6600: editors, stack(bottom jobs history *connections)), stack(right))",
                LayoutCodec.encode(moved));
        assertEquals("bottom", Layouts.stackOf(moved, "connections").orElseThrow().id());
    }

    @Test
    void movingIntoAnEmptyStackFillsIt() {
        LayoutNode moved = Layouts.move(admin, "jobs", "right");
        assertEquals(List.of("jobs"), Layouts.stack(moved, "right").orElseThrow().views());
    }

    @Test
    void closingTheShownViewShowsItsNeighbour() {
        LayoutNode closed = Layouts.close(admin, "history");
        assertEquals("jobs", Layouts.stack(closed, "bottom").orElseThrow().showing().orElseThrow());
        assertTrue(!Layouts.contains(closed, "history"));
    }

    @Test
    void unchangedSubtreesKeepTheirIdentity() {
        LayoutNode.Split before = (LayoutNode.Split) admin;
        LayoutNode.Split after = (LayoutNode.Split) Layouts.select(admin, "navigator");
        assertSame(before.children().get(1), after.children().get(1));
        assertSame(admin, Layouts.select(admin, "connections"), "selecting the shown view changes nothing");
    }

    @Test
    void replacesTheDividersOfANestedSplit() {
        LayoutNode resized = Layouts.withDividers(admin, List.of(1), List.of(0.5));
        assertTrue(LayoutCodec.encode(resized).contains("split(v 0.5000: editors"));
    }

    @Test
    void onlyEmptyStacksMakeAnEmptySubtree() {
        assertTrue(Layouts.isEmpty(LayoutNode.Stack.of("right")));
        assertTrue(!Layouts.isEmpty(new LayoutNode.EditorSlot()));
        assertTrue(!Layouts.isEmpty(admin));
    }

    @Test
    void refusesToMoveToAStackThatIsNotThere() {
        assertThrows(IllegalArgumentException.class, () -> Layouts.move(admin, "jobs", "nowhere"));
    }
}
