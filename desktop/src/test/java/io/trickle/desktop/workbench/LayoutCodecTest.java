package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.workbench.LayoutNode.Axis;
import io.trickle.desktop.workbench.LayoutNode.EditorSlot;
import io.trickle.desktop.workbench.LayoutNode.Split;
import io.trickle.desktop.workbench.LayoutNode.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutCodecTest {

    static final String ADMIN = "split(h 0.2500 0.7800: stack(left *connections navigator), "
            + "split(v 0.6600: editors, stack(bottom jobs *history)), stack(right))";

    @Test
    void readsAndWritesTheSameText() {
        LayoutNode layout = LayoutCodec.decode(ADMIN);
        assertEquals(ADMIN, LayoutCodec.encode(layout));
        assertEquals(layout, LayoutCodec.decode(LayoutCodec.encode(layout)));
    }

    @Test
    void buildsTheTreeTheTextDescribes() {
        Split root = (Split) LayoutCodec.decode(ADMIN);
        assertEquals(Axis.HORIZONTAL, root.axis());
        assertEquals(List.of(0.25, 0.78), root.dividers());
        assertEquals(new Stack("left", List.of("connections", "navigator"), "connections"), root.children().get(0));
        Split centre = (Split) root.children().get(1);
        assertEquals(new EditorSlot(), centre.children().get(0));
        assertEquals("history", ((Stack) centre.children().get(1)).selected());
        assertTrue(((Stack) root.children().get(2)).views().isEmpty(), "empty stacks keep their place");
    }

    @Test
    void refusesTextThatIsNotALayoutAndSaysWhere() {
        assertRefused("split(h 0.5: stack(a x))", "at least two children");
        assertRefused("split(h: stack(a x), stack(b y))", "needs 1 dividers");
        assertRefused("split(d 0.5: stack(a), stack(b))", "h or v");
        assertRefused("split(h 1.5: stack(a), stack(b))", "between 0 and 1");
        assertRefused("stack(Left x)", "not a layout id");
        assertRefused("stack(left x", "ends too early");
        assertRefused("stack(left x) trailing", "unexpected text");
        assertRefused("", "expected a name");
    }

    private static void assertRefused(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayoutCodec.decode(text));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
