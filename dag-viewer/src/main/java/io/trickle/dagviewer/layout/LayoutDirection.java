package io.trickle.dagviewer.layout;

/** Which way the layers run: data flows from the first layer to the last. */
public enum LayoutDirection {
    /** Layers are columns; edges point to the right. */
    LEFT_TO_RIGHT,
    /** Layers are rows; edges point downwards. */
    TOP_DOWN
}
