package io.trickle.dagviewer.layout;

import java.util.List;
import java.util.Objects;

/**
 * The path of one edge, from its source's border to its target's border.
 *
 * @param edge        the edge
 * @param source      the vertex it leaves
 * @param target      the vertex it enters (the arrowhead's end)
 * @param points      start point, bend or control points, end point; at least two
 * @param style       how the points are to be joined
 * @param withinCycle true when both ends belong to the same strongly connected component; only such edges may
 *                    point backwards
 */
public record EdgeRoute<V, E>(E edge, V source, V target, List<Point> points, EdgeStyle style, boolean withinCycle) {

    public EdgeRoute {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(style, "style");
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a route needs a start and an end point, got " + points);
        }
    }

    public Point start() {
        return points.get(0);
    }

    public Point end() {
        return points.get(points.size() - 1);
    }

    /**
     * True when the points are a chain of cubic Bézier curves (start, then three points per curve). ELK routes
     * splines that way, except for some edges that cross into a component's box, whose points are then best
     * joined by straight segments.
     */
    public boolean isBezierChain() {
        return style == EdgeStyle.SPLINES && points.size() >= 4 && (points.size() - 1) % 3 == 0;
    }
}
