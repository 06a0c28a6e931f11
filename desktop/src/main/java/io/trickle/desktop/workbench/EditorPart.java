package io.trickle.desktop.workbench;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * A document open in the editor area, such as a stream table's definition. Unlike a view there may be
 * many, and one may hold unsaved changes.
 */
public interface EditorPart {

    /** Identifies the document, so opening it twice selects the open editor instead. */
    String id();

    String title();

    String icon();

    Node node();

    /** True while the editor holds changes not yet applied; the tab shows a mark. */
    ObservableBooleanValue dirty();
}
