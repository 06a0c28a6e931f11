package io.trickle.desktop.app;

import io.trickle.desktop.services.WorkbenchPreferences;
import io.trickle.desktop.workbench.LayoutCodec;
import io.trickle.desktop.workbench.LayoutNode;
import io.trickle.desktop.workbench.LayoutStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each perspective's layout as one preference of the SQLite workspace, under a key that
 * carries the perspective's layout version ({@code layout.monitoring.v1}). A stored text that no
 * longer parses is logged and ignored, so a damaged workspace costs an arrangement, not the window.
 */
final class WorkspaceLayoutStore implements LayoutStore {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceLayoutStore.class);

    private final WorkbenchPreferences preferences;

    WorkspaceLayoutStore(WorkbenchPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public Optional<LayoutNode> load(String perspectiveId, int layoutVersion) {
        return preferences.get(key(perspectiveId, layoutVersion)).flatMap(text -> {
            try {
                return Optional.of(LayoutCodec.decode(text));
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring the stored layout of perspective {}: {}", perspectiveId, e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public void save(String perspectiveId, int layoutVersion, LayoutNode layout) {
        preferences.put(key(perspectiveId, layoutVersion), LayoutCodec.encode(layout));
    }

    static String key(String perspectiveId, int layoutVersion) {
        return "layout." + perspectiveId + ".v" + layoutVersion;
    }
}
