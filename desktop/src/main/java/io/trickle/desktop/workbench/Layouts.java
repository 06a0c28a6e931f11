package io.trickle.desktop.workbench;

import io.trickle.desktop.workbench.LayoutNode.Split;
import io.trickle.desktop.workbench.LayoutNode.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Pure functions over {@link LayoutNode} trees. Each returns a new tree and leaves unchanged
 * subtrees as they were, so "did anything change?" is an {@code equals} check.
 */
public final class Layouts {

    private Layouts() {
    }

    /** Every stack in the tree, in reading order (left to right, top to bottom). */
    public static List<Stack> stacks(LayoutNode root) {
        List<Stack> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(LayoutNode node, List<Stack> out) {
        if (node instanceof Stack stack) {
            out.add(stack);
        } else if (node instanceof Split split) {
            split.children().forEach(child -> collect(child, out));
        }
    }

    public static Optional<Stack> stack(LayoutNode root, String stackId) {
        return stacks(root).stream().filter(s -> s.id().equals(stackId)).findFirst();
    }

    /** The stack that holds the view, if the view is open. */
    public static Optional<Stack> stackOf(LayoutNode root, String viewId) {
        return stacks(root).stream().filter(s -> s.views().contains(viewId)).findFirst();
    }

    public static boolean contains(LayoutNode root, String viewId) {
        return stackOf(root, viewId).isPresent();
    }

    /** Moves an open view to the end of another stack and shows it there. */
    public static LayoutNode move(LayoutNode root, String viewId, String targetStackId) {
        if (stack(root, targetStackId).isEmpty()) {
            throw new IllegalArgumentException("no stack '" + targetStackId + "' in this layout");
        }
        return add(close(root, viewId), viewId, targetStackId);
    }

    /** Removes the view from whichever stack holds it. */
    public static LayoutNode close(LayoutNode root, String viewId) {
        return mapStacks(root, s -> {
            if (!s.views().contains(viewId)) {
                return s;
            }
            List<String> views = new ArrayList<>(s.views());
            int index = views.indexOf(viewId);
            views.remove(index);
            String selected = viewId.equals(s.selected())
                    ? (views.isEmpty() ? null : views.get(Math.max(0, index - 1)))
                    : s.selected();
            return new Stack(s.id(), views, selected);
        });
    }

    /** Adds a view (closing it elsewhere first) at the end of a stack and shows it. */
    public static LayoutNode add(LayoutNode root, String viewId, String stackId) {
        LayoutNode without = close(root, viewId);
        return mapStacks(without, s -> {
            if (!s.id().equals(stackId)) {
                return s;
            }
            List<String> views = new ArrayList<>(s.views());
            views.add(viewId);
            return new Stack(s.id(), views, viewId);
        });
    }

    /** Shows a view's tab in its stack. */
    public static LayoutNode select(LayoutNode root, String viewId) {
        return mapStacks(root, s -> s.views().contains(viewId) && !viewId.equals(s.selected())
                ? new Stack(s.id(), s.views(), viewId) : s);
    }

    /**
     * Replaces the dividers of the split found by following {@code path} (child indices) from the root.
     */
    public static LayoutNode withDividers(LayoutNode root, List<Integer> path, List<Double> dividers) {
        if (!(root instanceof Split split)) {
            throw new IllegalArgumentException("no split at " + path);
        }
        if (path.isEmpty()) {
            return dividers.equals(split.dividers()) ? split : new Split(split.axis(), split.children(), dividers);
        }
        int index = path.get(0);
        List<LayoutNode> children = new ArrayList<>(split.children());
        LayoutNode changed = withDividers(children.get(index), path.subList(1, path.size()), dividers);
        if (changed == children.get(index)) {
            return split;
        }
        children.set(index, changed);
        return new Split(split.axis(), children, split.dividers());
    }

    /** True when the subtree shows nothing: only empty stacks (the editor slot always shows). */
    public static boolean isEmpty(LayoutNode node) {
        if (node instanceof Stack stack) {
            return stack.views().isEmpty();
        }
        if (node instanceof Split split) {
            return split.children().stream().allMatch(Layouts::isEmpty);
        }
        return false;
    }

    private static LayoutNode mapStacks(LayoutNode node, UnaryOperator<Stack> change) {
        if (node instanceof Stack stack) {
            Stack changed = change.apply(stack);
            return changed.equals(stack) ? stack : changed;
        }
        if (node instanceof Split split) {
            List<LayoutNode> children = new ArrayList<>();
            boolean any = false;
            for (LayoutNode child : split.children()) {
                LayoutNode changed = mapStacks(child, change);
                any |= changed != child;
                children.add(changed);
            }
            return any ? new Split(split.axis(), children, split.dividers()) : split;
        }
        return node;
    }
}
