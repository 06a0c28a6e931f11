package io.trickle.dagviewer.layout;

/** How edges are routed between the layers. */
public enum EdgeStyle {
    /** Horizontal and vertical segments only. */
    ORTHOGONAL,
    /**
     * Smooth curves. The route's points are then the control points of a chain of cubic Bézier curves
     * (start, c1, c2, end, c1, c2, end, …) whenever their count allows it; see {@link EdgeRoute#isBezierChain()}.
     */
    SPLINES,
    /** Straight segments with bends at any angle. */
    POLYLINE
}
