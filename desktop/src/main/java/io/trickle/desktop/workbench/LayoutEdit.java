package io.trickle.desktop.workbench;

/**
 * A change to one perspective's arrangement (move, close, show a view, reset), kept as the layouts
 * before and after so that undo puts back exactly what was there.
 */
public final class LayoutEdit implements UndoableEdit {

    private final PerspectiveLayouts layouts;
    private final String perspectiveId;
    private final LayoutNode before;
    private final LayoutNode after;
    private final String description;

    public LayoutEdit(PerspectiveLayouts layouts, String perspectiveId, LayoutNode after, String description) {
        this.layouts = layouts;
        this.perspectiveId = perspectiveId;
        this.before = layouts.layout(perspectiveId);
        this.after = after;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean canExecute() {
        return !before.equals(after);
    }

    @Override
    public void execute() {
        layouts.set(perspectiveId, after);
    }

    @Override
    public void undo() {
        layouts.set(perspectiveId, before);
    }
}
