package io.trickle.desktop.app;

import io.trickle.desktop.views.editor.StreamTableEditorView;
import io.trickle.desktop.views.editor.StreamTableEditorViewModel;
import io.trickle.desktop.views.editor.StreamTableEditors;
import io.trickle.desktop.workbench.EditorArea;
import io.trickle.desktop.workbench.Perspective;
import io.trickle.desktop.workbench.PerspectiveRegistry;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Puts stream table editors into the editor area: makes each editor's view the first time it is shown,
 * switches to a perspective with an editor area when the active one has none (Monitoring) — bringing
 * the navigator to the front there, since the DBA came from a stream table, not from the connections —
 * and tells the editors which one is in front.
 */
final class EditorHost implements StreamTableEditors.Host {

    private final EditorArea area;
    private final PerspectiveRegistry perspectives;
    private final StreamTableEditors editors;
    private final Map<StreamTableEditorViewModel, StreamTableEditorView> views = new IdentityHashMap<>();
    private final Runnable afterSwitch;

    /**
     * @param afterSwitch what to show in the perspective it switched to (the navigator)
     */
    EditorHost(EditorArea area, PerspectiveRegistry perspectives, StreamTableEditors editors, Runnable afterSwitch) {
        this.area = area;
        this.perspectives = perspectives;
        this.editors = editors;
        this.afterSwitch = afterSwitch;
        area.activeEditorProperty().addListener((obs, old, now) -> editors.activeProperty().set(
                now instanceof StreamTableEditorView view ? view.model() : null));
    }

    @Override
    public void show(StreamTableEditorViewModel editor) {
        if (!perspectives.active().hasEditorArea()) {
            perspectives.all().stream().filter(Perspective::hasEditorArea).findFirst()
                    .ifPresent(p -> {
                        perspectives.activate(p.id());
                        afterSwitch.run();
                    });
        }
        StreamTableEditorView view = views.computeIfAbsent(editor, e -> new StreamTableEditorView(e, () -> {
            views.remove(e);
            editors.closed(e);
        }));
        area.open(view);
    }

    @Override
    public void close(StreamTableEditorViewModel editor) {
        StreamTableEditorView view = views.remove(editor);
        if (view != null) {
            area.close(view.id());
        }
    }
}
