package io.trickle.desktop.workbench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The current arrangement of every perspective, and its persistence. Changes happen on the FX thread;
 * saving happens on the given executor. Dragging a divider changes the layout many times a second,
 * so saves are coalesced: while a save is queued, newer layouts replace the pending one instead of
 * queueing more work.
 */
public final class PerspectiveLayouts {

    private final PerspectiveRegistry perspectives;
    private final LayoutStore store;
    private final Executor io;
    private final Map<String, LayoutNode> current = new HashMap<>();
    private final ReadOnlyObjectWrapper<LayoutNode> active = new ReadOnlyObjectWrapper<>(this, "activeLayout");
    private final Map<String, LayoutNode> pendingSaves = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    /**
     * @param loaded what {@link #loadAll} read before the window opened; perspectives missing from it
     *               start with their default
     */
    public PerspectiveLayouts(PerspectiveRegistry perspectives, LayoutStore store, Executor io,
                              Map<String, LayoutNode> loaded) {
        this.perspectives = perspectives;
        this.store = store;
        this.io = io;
        for (Perspective p : perspectives.all()) {
            current.put(p.id(), loaded.getOrDefault(p.id(), p.defaultLayout()));
        }
        active.set(current.get(perspectives.active().id()));
        perspectives.activeProperty().addListener((obs, old, now) -> active.set(current.get(now.id())));
    }

    /** Reads every perspective's stored layout. It touches the workspace file: call it off the FX thread. */
    public static Map<String, LayoutNode> loadAll(PerspectiveRegistry perspectives, LayoutStore store) {
        Map<String, LayoutNode> loaded = new HashMap<>();
        for (Perspective p : perspectives.all()) {
            store.load(p.id(), p.layoutVersion()).ifPresent(layout -> loaded.put(p.id(), layout));
        }
        return loaded;
    }

    /** The active perspective's arrangement; it changes on every edit and on switching perspective. */
    public ReadOnlyObjectProperty<LayoutNode> activeLayoutProperty() {
        return active.getReadOnlyProperty();
    }

    public LayoutNode layout(String perspectiveId) {
        LayoutNode layout = current.get(perspectiveId);
        if (layout == null) {
            throw new IllegalArgumentException("no perspective " + perspectiveId);
        }
        return layout;
    }

    /** Replaces a perspective's arrangement and saves it. */
    public void set(String perspectiveId, LayoutNode layout) {
        LayoutNode before = layout(perspectiveId);
        if (before.equals(layout)) {
            return;
        }
        current.put(perspectiveId, layout);
        if (perspectives.active().id().equals(perspectiveId)) {
            active.set(layout);
        }
        pendingSaves.put(perspectiveId, layout);
        queueFlush();
    }

    /** Records divider positions the DBA dragged, for the split at {@code path} of the active layout. */
    public void dividersMoved(List<Integer> path, List<Double> dividers) {
        String id = perspectives.active().id();
        set(id, Layouts.withDividers(layout(id), path, dividers));
    }

    private void queueFlush() {
        if (flushQueued.compareAndSet(false, true)) {
            io.execute(this::flush);
        }
    }

    /** Runs on the I/O executor: writes whatever is pending at this moment. */
    private void flush() {
        flushQueued.set(false);
        for (String id : List.copyOf(pendingSaves.keySet())) {
            LayoutNode layout = pendingSaves.remove(id);
            if (layout != null) {
                store.save(id, perspectives.byId(id).orElseThrow().layoutVersion(), layout);
            }
        }
    }
}
