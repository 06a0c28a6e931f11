package io.trickle.desktop.workbench;

import java.util.Optional;

/**
 * Where each perspective's arrangement is kept between runs (the SQLite workspace in the app, a map in
 * tests). Calls may touch a file: the workbench makes them off the FX thread.
 */
public interface LayoutStore {

    /**
     * The stored arrangement of a perspective, if one was saved for this version of its default layout.
     * A perspective raises its layout version when its default changes, so old arrangements give way.
     */
    Optional<LayoutNode> load(String perspectiveId, int layoutVersion);

    void save(String perspectiveId, int layoutVersion, LayoutNode layout);
}
