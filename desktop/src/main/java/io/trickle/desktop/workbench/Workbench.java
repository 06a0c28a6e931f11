package io.trickle.desktop.workbench;

import io.trickle.desktop.workbench.LayoutNode.EditorSlot;
import io.trickle.desktop.workbench.LayoutNode.Split;
import io.trickle.desktop.workbench.LayoutNode.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;

/**
 * The area between toolbar and status bar: the active perspective's views in their stacks and
 * splits, and the editor area. It draws the layout model and turns what the DBA does to it (move,
 * close, show a view, reset) into undoable {@link LayoutEdit}s; divider drags and tab choices are
 * remembered without an undo step.
 */
public final class Workbench implements PartStack.Host {

    private final PerspectiveRegistry perspectives;
    private final PerspectiveLayouts layouts;
    private final ViewRegistry views;
    private final EditorArea editors;
    private final UndoManager undo;
    private final BorderPane root = new BorderPane();
    /** True while the workbench writes back what the DBA did to the drawn layout; no redraw then. */
    private boolean syncing;
    /** The stack that fills the workbench (a double-clicked tab's), or null; never stored. */
    private String maximised;
    /** The view whose tab the DBA picked last, which Maximise acts on. */
    private String lastActive;

    public Workbench(PerspectiveRegistry perspectives, PerspectiveLayouts layouts, ViewRegistry views,
                     EditorArea editors, UndoManager undo) {
        this.perspectives = perspectives;
        this.layouts = layouts;
        this.views = views;
        this.editors = editors;
        this.undo = undo;
        root.getStyleClass().add("workbench");
        root.setId("workbench");
        layouts.activeLayoutProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                render(now);
            }
        });
        perspectives.activeProperty().addListener((obs, old, now) -> maximised = null);
        render(layouts.activeLayoutProperty().get());
    }

    public Node node() {
        return root;
    }

    public EditorArea editors() {
        return editors;
    }

    // ---------------------------------------------------------------------------------------------
    // What the DBA does to the arrangement
    // ---------------------------------------------------------------------------------------------

    @Override
    public void move(String viewId, String stackId) {
        LayoutNode now = activeLayout();
        if (Layouts.stackOf(now, viewId).map(s -> s.id().equals(stackId)).orElse(true)) {
            return;
        }
        perform(Layouts.move(now, viewId, stackId), "Move " + title(viewId) + " to " + stackLabel(stackId));
    }

    @Override
    public void close(String viewId) {
        perform(Layouts.close(activeLayout(), viewId), "Close " + title(viewId));
    }

    /** Shows the view, opening it in its preferred stack (or the first) when the layout lacks it. */
    public void showView(String viewId) {
        LayoutNode now = activeLayout();
        if (Layouts.contains(now, viewId)) {
            setSilently(Layouts.select(now, viewId), true);
            return;
        }
        String preferred = views.preferredStack(viewId);
        String target = Layouts.stack(now, preferred).map(Stack::id)
                .orElse(Layouts.stacks(now).get(0).id());
        perform(Layouts.add(now, viewId, target), "Show " + title(viewId));
    }

    /** Puts the active perspective back to its default arrangement; undoable like any other edit. */
    public void resetPerspective() {
        Perspective p = perspectives.active();
        perform(p.defaultLayout(), "Reset " + p.label());
    }

    @Override
    public void selected(String viewId) {
        lastActive = viewId;
        setSilently(Layouts.select(activeLayout(), viewId), false);
    }

    /**
     * Lets the view's stack fill the workbench, or puts it back (Eclipse's double-click on a tab). Not
     * an edit of the arrangement: nothing is stored or undone.
     */
    @Override
    public void toggleMaximised(String viewId) {
        LayoutNode now = activeLayout();
        String stack = Layouts.stackOf(now, viewId).map(Stack::id).orElse(null);
        maximised = stack == null || stack.equals(maximised) ? null : stack;
        lastActive = viewId;
        render(now);
    }

    /** Maximises or restores the view the DBA worked in last (Window ▸ Maximise or Restore View). */
    public void toggleMaximisedActive() {
        LayoutNode now = activeLayout();
        if (maximised != null) {
            maximised = null;
            render(now);
        } else if (lastActive != null && Layouts.contains(now, lastActive)) {
            toggleMaximised(lastActive);
        } else {
            Layouts.stacks(now).stream().filter(st -> !st.views().isEmpty()).findFirst()
                    .flatMap(Stack::showing).ifPresent(this::toggleMaximised);
        }
    }

    /** The stack that fills the workbench, or empty. */
    public Optional<String> maximisedStack() {
        return Optional.ofNullable(maximised);
    }

    @Override
    public List<PartStack.MoveTarget> moveTargets(String viewId) {
        LayoutNode now = activeLayout();
        String own = Layouts.stackOf(now, viewId).map(Stack::id).orElse("");
        List<PartStack.MoveTarget> out = new ArrayList<>();
        for (Stack stack : Layouts.stacks(now)) {
            if (!stack.id().equals(own)) {
                out.add(new PartStack.MoveTarget(stack.id(), describe(stack)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Drawing
    // ---------------------------------------------------------------------------------------------

    private void render(LayoutNode layout) {
        Optional<Stack> alone = maximised == null ? Optional.empty() : Layouts.stack(layout, maximised);
        if (alone.isPresent() && !alone.get().views().isEmpty()) {
            root.setCenter(new PartStack(alone.get(), views, this).node());
            return;
        }
        maximised = null;
        Node drawn = build(layout, new ArrayList<>());
        root.setCenter(drawn);
    }

    /** Draws a subtree, or returns null when it shows nothing (only empty stacks). */
    private Node build(LayoutNode node, List<Integer> path) {
        if (node instanceof EditorSlot) {
            return editors.node();
        }
        if (node instanceof Stack stack) {
            PartStack drawn = new PartStack(stack, views, this);
            return drawn.isEmpty() ? null : drawn.node();
        }
        Split split = (Split) node;
        List<Node> shown = new ArrayList<>();
        List<Integer> shownIndices = new ArrayList<>();
        for (int i = 0; i < split.children().size(); i++) {
            List<Integer> childPath = new ArrayList<>(path);
            childPath.add(i);
            Node child = build(split.children().get(i), childPath);
            if (child != null) {
                shown.add(child);
                shownIndices.add(i);
            }
        }
        if (shown.isEmpty()) {
            return null;
        }
        if (shown.size() == 1) {
            return shown.get(0);
        }
        SplitPane pane = new SplitPane(shown.toArray(Node[]::new));
        pane.setOrientation(split.axis() == LayoutNode.Axis.HORIZONTAL ? Orientation.HORIZONTAL : Orientation.VERTICAL);
        pane.getStyleClass().add("workbench-split");
        DividerMapping mapping = new DividerMapping(split.dividers(), shownIndices);
        pane.setDividerPositions(mapping.shownPositions());
        List<Integer> splitPath = List.copyOf(path);
        for (int d = 0; d < pane.getDividers().size(); d++) {
            int shownDivider = d;
            pane.getDividers().get(d).positionProperty().addListener((obs, old, now) -> {
                List<Double> model = mapping.modelWith(shownDivider, now.doubleValue());
                syncing = true;
                try {
                    layouts.dividersMoved(splitPath, model);
                } finally {
                    syncing = false;
                }
            });
        }
        return pane;
    }

    /**
     * Maps the dividers drawn to those of the model when some children of a split are hidden (empty
     * stacks). A hidden child's space goes to the shown child before it, so drawn divider {@code d}
     * is the model boundary where shown child {@code d + 1} starts.
     */
    private static final class DividerMapping {
        private final List<Double> model;
        private final List<Integer> shownIndices;

        DividerMapping(List<Double> model, List<Integer> shownIndices) {
            this.model = new ArrayList<>(model);
            this.shownIndices = shownIndices;
        }

        double[] shownPositions() {
            double[] out = new double[shownIndices.size() - 1];
            for (int d = 0; d < out.length; d++) {
                out[d] = model.get(shownIndices.get(d + 1) - 1);
            }
            return out;
        }

        /** The model's dividers after drawn divider {@code d} moved to {@code position}, kept in order. */
        List<Double> modelWith(int d, double position) {
            int k = shownIndices.get(d + 1) - 1;
            for (int i = 0; i < model.size(); i++) {
                if (i < k) {
                    model.set(i, Math.min(model.get(i), position));
                } else if (i > k) {
                    model.set(i, Math.max(model.get(i), position));
                }
            }
            model.set(k, position);
            return List.copyOf(model);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    private LayoutNode activeLayout() {
        return layouts.layout(perspectives.active().id());
    }

    private void perform(LayoutNode after, String description) {
        undo.perform(new LayoutEdit(layouts, perspectives.active().id(), after, description));
    }

    private void setSilently(LayoutNode after, boolean redraw) {
        syncing = !redraw;
        try {
            layouts.set(perspectives.active().id(), after);
        } finally {
            syncing = false;
        }
    }

    private String title(String viewId) {
        return views.byId(viewId).map(ViewPart::title).orElse(viewId);
    }

    private String stackLabel(String stackId) {
        return Layouts.stack(activeLayout(), stackId).map(this::describe).orElse(stackId);
    }

    /** "Bottom (Jobs, History)" or "Right (empty)": where the stack is and what it holds. */
    private String describe(Stack stack) {
        String name = stack.id().substring(0, 1).toUpperCase(Locale.ROOT) + stack.id().substring(1);
        Optional<String> titles = stack.views().stream().map(this::title).reduce((a, b) -> a + ", " + b);
        return name + " (" + titles.orElse("empty") + ")";
    }
}
