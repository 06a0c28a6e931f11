package io.trickle.dagviewer;

import javafx.css.PseudoClass;

/**
 * The style classes and pseudo-classes of the parts of a {@link DagView}, as {@code dag-viewer.css} and themes
 * select them. Status classes are in {@link StatusStyles}.
 */
public final class DagStyleClass {

    /** The view itself; the looked-up colours are defined here. */
    public static final String VIEW = "dag-view";
    /** A vertex's cell ({@link DagCell}); it also has {@code :selected} while selected. */
    public static final String NODE = "dag-node";
    /** The line of an edge. */
    public static final String EDGE = "dag-edge";
    /** The arrowhead at an edge's target. */
    public static final String EDGE_HEAD = "dag-edge-head";
    /** Added to an edge's line and head when both its ends lie on the same cycle. */
    public static final String CYCLE_EDGE = "dag-cycle-edge";
    /** The box around a strongly connected component. */
    public static final String SCC_BOX = "dag-scc";
    /** The label at the top of such a box. */
    public static final String SCC_LABEL = "dag-scc-label";

    /** On an edge's line and head while one of its ends is selected. */
    public static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    /**
     * On the view while it is zoomed out too far to read labels. The stylesheet then draws nodes as plain blocks
     * of their status colour: an overview of health, and much less to draw.
     */
    public static final PseudoClass ZOOMED_OUT = PseudoClass.getPseudoClass("zoomed-out");

    private DagStyleClass() {
    }
}
