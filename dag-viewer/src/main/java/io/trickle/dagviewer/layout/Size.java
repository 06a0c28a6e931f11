package io.trickle.dagviewer.layout;

/** The width and height of something to be placed, in layout units (pixels at zoom 1). */
public record Size(double width, double height) {

    public static final Size ZERO = new Size(0, 0);

    public Size {
        if (!(width >= 0) || !(height >= 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("size must be finite and not negative: " + width + " x " + height);
        }
    }
}
