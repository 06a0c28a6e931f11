package io.trickle.desktop.workbench;

import javafx.scene.Node;

/**
 * A view the workbench can place in a stack: the Connections list, the Jobs table, later the
 * Navigator and the DAG. One instance lives per window; switching perspective moves its node.
 * A view holds nodes and bindings only; its logic lives in its view model.
 */
public interface ViewPart {

    /** Stable key used in stored layouts. */
    String id();

    /** The tab's text. */
    String title();

    /** An Ikonli icon literal ({@code fth-…}) for the tab. */
    String icon();

    /** The view's content, created once and reused. */
    Node node();

    /** What screenshots and "copy as image" capture; the whole view unless a view says otherwise. */
    default Node snapshotTarget() {
        return node();
    }
}
