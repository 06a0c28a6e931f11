package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PerspectiveLayoutsTest {

    /** A store in a map that counts writes. */
    static final class MapStore implements LayoutStore {
        final Map<String, LayoutNode> saved = new HashMap<>();
        int writes;

        @Override
        public Optional<LayoutNode> load(String perspectiveId, int layoutVersion) {
            return Optional.ofNullable(saved.get(perspectiveId + "@" + layoutVersion));
        }

        @Override
        public void save(String perspectiveId, int layoutVersion, LayoutNode layout) {
            writes++;
            saved.put(perspectiveId + "@" + layoutVersion, layout);
        }
    }

    private final MapStore store = new MapStore();
    /** Work handed to the "I/O thread", run when the test says so. */
    private final Deque<Runnable> io = new ArrayDeque<>();
    private final PerspectiveRegistry perspectives = new PerspectiveRegistry();

    @BeforeEach
    void register() {
        perspectives.register(new Perspective("admin", "Administration", "fth-tool", 2,
                LayoutCodec.decode(LayoutCodecTest.ADMIN)));
        perspectives.register(new Perspective("monitoring", "Monitoring", "fth-activity", 1,
                LayoutCodec.decode("split(v 0.5: stack(top *dag), stack(bottom *jobs))")));
    }

    private PerspectiveLayouts layouts() {
        return new PerspectiveLayouts(perspectives, store, io::add, PerspectiveLayouts.loadAll(perspectives, store));
    }

    @Test
    void aLayoutSurvivesAReloadPerPerspective() {
        PerspectiveLayouts first = layouts();
        LayoutNode moved = Layouts.move(first.layout("admin"), "jobs", "left");
        first.set("admin", moved);
        io.forEach(Runnable::run);

        PerspectiveLayouts second = layouts();
        assertEquals(moved, second.layout("admin"));
        assertEquals(perspectives.byId("monitoring").orElseThrow().defaultLayout(), second.layout("monitoring"));
    }

    @Test
    void aLayoutStoredForAnOlderDefaultGivesWay() {
        store.save("admin", 1, LayoutCodec.decode("stack(left *connections)"));
        assertEquals(perspectives.byId("admin").orElseThrow().defaultLayout(), layouts().layout("admin"));
    }

    @Test
    void manyChangesBeforeTheSaveRunsAreWrittenOnce() {
        PerspectiveLayouts layouts = layouts();
        for (int step = 1; step <= 8; step++) {
            layouts.dividersMoved(List.of(), List.of(step / 10.0, 0.95));
        }
        assertEquals(1, io.size(), "one save queued for a whole divider drag");
        io.pop().run();
        assertEquals(1, store.writes);
        assertTrue(LayoutCodec.encode(store.saved.get("admin@2")).startsWith("split(h 0.8000 0.9500"));
    }

    @Test
    void switchingPerspectiveShowsItsOwnLayout() {
        PerspectiveLayouts layouts = layouts();
        perspectives.activate("monitoring");
        assertEquals(layouts.layout("monitoring"), layouts.activeLayoutProperty().get());
        perspectives.activate("admin");
        assertEquals(layouts.layout("admin"), layouts.activeLayoutProperty().get());
    }

    @Test
    void aLayoutEditUndoesToExactlyWhatWasThere() {
        PerspectiveLayouts layouts = layouts();
        LayoutNode before = layouts.layout("admin");
        UndoManager undo = new UndoManager(10);
        assertTrue(undo.perform(new LayoutEdit(layouts, "admin", Layouts.close(before, "navigator"), "Close Navigator")));
        assertFalse(Layouts.contains(layouts.layout("admin"), "navigator"));
        undo.undo();
        assertEquals(before, layouts.layout("admin"));
        assertFalse(undo.perform(new LayoutEdit(layouts, "admin", before, "nothing")), "a no-op edit is refused");
    }

    @Test
    void aPerspectiveHasAtMostOneEditorArea() {
        assertThrows(IllegalArgumentException.class, () -> new Perspective("x", "X", "fth-x", 1,
                LayoutCodec.decode("split(h 0.5: editors, editors)")));
    }
}
