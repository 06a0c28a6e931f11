package io.trickle.desktop.workbench;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;

/**
 * A document open in the editor area, such as a stream table's definition. Unlike a view there may be
 * many, and one may hold unsaved changes.
 */
public interface EditorPart {

    /** Identifies the document, so opening it twice selects the open editor instead. */
    String id();

    String title();

    /** The tab's text as it changes (a new document gets its name once saved); {@link #title()} by default. */
    default ObservableStringValue titleProperty() {
        return new ReadOnlyStringWrapper(title());
    }

    String icon();

    Node node();

    /** True while the editor holds changes not yet applied; the tab shows a mark. */
    ObservableBooleanValue dirty();

    /** Asked before the DBA closes the tab; an editor with unsaved changes may ask first. */
    default boolean mayClose() {
        return true;
    }

    /** Called once the editor's tab is gone. */
    default void closed() {
    }
}
