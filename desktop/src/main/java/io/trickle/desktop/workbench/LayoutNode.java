package io.trickle.desktop.workbench;

import java.util.List;
import java.util.Objects;

/**
 * The arrangement of a perspective as plain data: splits of stacks of views, and the slot where the
 * editor area goes. Immutable; every change makes a new tree (see {@link Layouts}), so a layout can
 * be kept for undo, compared, stored as text and rendered again without a display.
 */
public sealed interface LayoutNode permits LayoutNode.Split, LayoutNode.Stack, LayoutNode.EditorSlot {

    /** Which way a split lays out its children. */
    enum Axis { HORIZONTAL, VERTICAL }

    /**
     * Children side by side ({@link Axis#HORIZONTAL}) or one above the other.
     *
     * @param dividers one position (0..1) between each pair of neighbouring children
     */
    record Split(Axis axis, List<LayoutNode> children, List<Double> dividers) implements LayoutNode {
        public Split {
            Objects.requireNonNull(axis, "axis");
            children = List.copyOf(children);
            dividers = List.copyOf(dividers);
            if (children.size() < 2) {
                throw new IllegalArgumentException("a split needs at least two children");
            }
            if (dividers.size() != children.size() - 1) {
                throw new IllegalArgumentException("a split of " + children.size() + " children needs "
                        + (children.size() - 1) + " dividers, not " + dividers.size());
            }
        }
    }

    /**
     * Views shown as tabs in one place. A stack may be empty: it keeps its place in the tree so that
     * views can be moved back into it, but it is not drawn.
     *
     * @param id       a name for the place, unique in the perspective ("left", "bottom", …)
     * @param views    view ids in tab order
     * @param selected the view whose tab is showing, or {@code null} for the first
     */
    record Stack(String id, List<String> views, String selected) implements LayoutNode {
        public Stack {
            requireId(id);
            views = List.copyOf(views);
            views.forEach(LayoutNode::requireId);
            if (selected != null && !views.contains(selected)) {
                selected = null;
            }
        }

        public static Stack of(String id, String... views) {
            return new Stack(id, List.of(views), views.length == 0 ? null : views[0]);
        }

        /** The view showing, or empty when the stack holds none. */
        public java.util.Optional<String> showing() {
            if (selected != null) {
                return java.util.Optional.of(selected);
            }
            return views.stream().findFirst();
        }
    }

    /** Where the editor area sits. At most one per perspective; a perspective without it shows no editors. */
    record EditorSlot() implements LayoutNode {
    }

    /** Ids are plain names so that the stored text stays readable and parseable. */
    static void requireId(String id) {
        if (id == null || !id.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("not a layout id (lower case letters, digits, _ . -): " + id);
        }
    }
}
