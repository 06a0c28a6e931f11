package io.trickle.dagviewer.layout;

/** An axis-aligned rectangle in layout coordinates. */
public record Box(double x, double y, double width, double height) {

    /** ELK computes in doubles; containment checks allow this much rounding. */
    private static final double TOLERANCE = 1e-6;

    public Box {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)
                || width < 0 || height < 0) {
            throw new IllegalArgumentException("not a box: " + x + ", " + y + ", " + width + " x " + height);
        }
    }

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public Point centre() {
        return new Point(x + width / 2, y + height / 2);
    }

    public boolean contains(Box other) {
        return other.x >= x - TOLERANCE && other.y >= y - TOLERANCE
                && other.maxX() <= maxX() + TOLERANCE && other.maxY() <= maxY() + TOLERANCE;
    }

    public boolean contains(Point p) {
        return p.x() >= x - TOLERANCE && p.y() >= y - TOLERANCE
                && p.x() <= maxX() + TOLERANCE && p.y() <= maxY() + TOLERANCE;
    }
}
