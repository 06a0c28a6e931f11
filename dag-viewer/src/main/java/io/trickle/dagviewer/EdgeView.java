package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.EdgeRoute;
import io.trickle.dagviewer.layout.Point;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polygon;

/** The two shapes of one edge: its line and the arrowhead at its target. */
final class EdgeView {

    /** From the arrowhead's base to its tip, in layout units. */
    static final double HEAD_LENGTH = 9;
    private static final double HEAD_HALF_WIDTH = 4;

    private final Path line = new Path();
    private final Polygon head = new Polygon();

    EdgeView() {
        line.getStyleClass().add(DagStyleClass.EDGE);
        head.getStyleClass().add(DagStyleClass.EDGE_HEAD);
    }

    Path line() {
        return line;
    }

    Polygon head() {
        return head;
    }

    /** Draws the route; the line stops at the arrowhead's base so that it does not poke through its tip. */
    void follow(EdgeRoute<?, ?> route) {
        List<Point> points = route.points();
        Point tip = route.end();
        Point from = lastPointBefore(points, tip);
        double length = Math.max(1e-9, Math.hypot(tip.x() - from.x(), tip.y() - from.y()));
        double ux = (tip.x() - from.x()) / length;
        double uy = (tip.y() - from.y()) / length;
        double headLength = Math.min(HEAD_LENGTH, length);
        Point base = new Point(tip.x() - ux * headLength, tip.y() - uy * headLength);

        List<PathElement> elements = new ArrayList<>();
        elements.add(new MoveTo(points.get(0).x(), points.get(0).y()));
        if (route.isBezierChain()) {
            for (int i = 1; i + 2 < points.size(); i += 3) {
                Point end = i + 2 == points.size() - 1 ? base : points.get(i + 2);
                elements.add(new CubicCurveTo(points.get(i).x(), points.get(i).y(),
                        points.get(i + 1).x(), points.get(i + 1).y(), end.x(), end.y()));
            }
        } else {
            for (int i = 1; i < points.size() - 1; i++) {
                elements.add(new LineTo(points.get(i).x(), points.get(i).y()));
            }
            elements.add(new LineTo(base.x(), base.y()));
        }
        line.getElements().setAll(elements);
        head.getPoints().setAll(tip.x(), tip.y(),
                base.x() - uy * HEAD_HALF_WIDTH, base.y() + ux * HEAD_HALF_WIDTH,
                base.x() + uy * HEAD_HALF_WIDTH, base.y() - ux * HEAD_HALF_WIDTH);
        setStyleClass(DagStyleClass.CYCLE_EDGE, route.withinCycle());
    }

    void setHighlighted(boolean highlighted) {
        line.pseudoClassStateChanged(DagStyleClass.HIGHLIGHTED, highlighted);
        head.pseudoClassStateChanged(DagStyleClass.HIGHLIGHTED, highlighted);
    }

    /** The point the edge arrives from: the last one that differs from the tip (routes may repeat points). */
    private static Point lastPointBefore(List<Point> points, Point tip) {
        for (int i = points.size() - 2; i >= 0; i--) {
            if (!points.get(i).equals(tip)) {
                return points.get(i);
            }
        }
        return new Point(tip.x() - 1, tip.y());
    }

    private void setStyleClass(String styleClass, boolean present) {
        for (var shape : List.of(line, head)) {
            if (!present) {
                shape.getStyleClass().remove(styleClass);
            } else if (!shape.getStyleClass().contains(styleClass)) {
                shape.getStyleClass().add(styleClass);
            }
        }
    }
}
