package io.trickle.desktop.workbench;

import java.util.Objects;

/**
 * A named arrangement of views for one kind of work, as in Eclipse: the DBA switches between
 * Administration and Monitoring and each keeps its own arrangement.
 *
 * @param id            stable key, also the key of the stored layout
 * @param label         what the perspective switcher shows
 * @param icon          an Ikonli icon literal ({@code fth-…})
 * @param layoutVersion raise it when {@code defaultLayout} changes, so that stored arrangements made
 *                      for the old default give way to the new one
 * @param defaultLayout the arrangement before the DBA changes anything, and after "Reset perspective"
 */
public record Perspective(String id, String label, String icon, int layoutVersion, LayoutNode defaultLayout) {

    public Perspective {
        LayoutNode.requireId(id);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(defaultLayout, "defaultLayout");
        long editorSlots = countEditorSlots(defaultLayout);
        if (editorSlots > 1) {
            throw new IllegalArgumentException("perspective " + id + " has " + editorSlots + " editor areas; one at most");
        }
    }

    public boolean hasEditorArea() {
        return countEditorSlots(defaultLayout) == 1;
    }

    private static long countEditorSlots(LayoutNode node) {
        if (node instanceof LayoutNode.EditorSlot) {
            return 1;
        }
        if (node instanceof LayoutNode.Split split) {
            return split.children().stream().mapToLong(Perspective::countEditorSlots).sum();
        }
        return 0;
    }
}
