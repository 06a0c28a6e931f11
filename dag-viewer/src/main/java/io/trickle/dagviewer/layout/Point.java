package io.trickle.dagviewer.layout;

/** A point in layout coordinates: origin at the top-left of the drawing, y grows downwards. */
public record Point(double x, double y) {

    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point must be finite: " + x + ", " + y);
        }
    }

    public Point plus(double dx, double dy) {
        return new Point(x + dx, y + dy);
    }
}
