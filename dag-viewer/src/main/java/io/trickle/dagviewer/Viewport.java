package io.trickle.dagviewer;

import io.trickle.dagviewer.layout.Point;
import io.trickle.dagviewer.layout.Size;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The part of the drawing that a {@link DagView} shows: a zoom factor and a pan offset, such that a point
 * {@code p} of the layout appears at {@code pan + zoom * p} in the view.
 */
final class Viewport {

    static final double MIN_ZOOM = 0.05;
    static final double MAX_ZOOM = 4.0;
    /** Below this zoom labels are too small to read, so focusing on a node zooms in to 1. */
    static final double READABLE_ZOOM = 0.75;
    /** Below this zoom 12 px text is under 6 px high: not worth drawing (see DagStyleClass.ZOOMED_OUT). */
    static final double OVERVIEW_ZOOM = 0.5;
    /** Fitting leaves this much room around the drawing, in view pixels. */
    private static final double FIT_MARGIN = 12;

    private final DoubleProperty zoom;
    private final DoubleProperty panX;
    private final DoubleProperty panY;

    Viewport(Object bean) {
        zoom = new SimpleDoubleProperty(bean, "zoom", 1.0) {
            @Override
            public void set(double value) {
                super.set(clamp(value));
            }
        };
        panX = new SimpleDoubleProperty(bean, "panX");
        panY = new SimpleDoubleProperty(bean, "panY");
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    DoubleProperty panXProperty() {
        return panX;
    }

    DoubleProperty panYProperty() {
        return panY;
    }

    /** Zooms by {@code factor}, keeping the layout point under the view point (pivotX, pivotY) where it is. */
    void zoomAt(double factor, double pivotX, double pivotY) {
        Point pivot = toLayout(pivotX, pivotY);
        zoom.set(zoom.get() * factor);
        panX.set(pivotX - zoom.get() * pivot.x());
        panY.set(pivotY - zoom.get() * pivot.y());
    }

    void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
    }

    /** Shows the whole drawing, centred, never enlarged beyond its natural size. */
    void fit(Size drawing, double viewWidth, double viewHeight) {
        double room = Math.min((viewWidth - 2 * FIT_MARGIN) / Math.max(1, drawing.width()),
                (viewHeight - 2 * FIT_MARGIN) / Math.max(1, drawing.height()));
        zoom.set(Math.min(1.0, room));
        centreOn(new Point(drawing.width() / 2, drawing.height() / 2), viewWidth, viewHeight);
    }

    /** Moves the layout point {@code p} to the middle of the view. */
    void centreOn(Point p, double viewWidth, double viewHeight) {
        panX.set(viewWidth / 2 - zoom.get() * p.x());
        panY.set(viewHeight / 2 - zoom.get() * p.y());
    }

    /** Pans so that the layout point {@code now} shows where the layout point {@code before} showed. */
    void keepInPlace(Point before, Point now) {
        panBy(zoom.get() * (before.x() - now.x()), zoom.get() * (before.y() - now.y()));
    }

    Point toLayout(double viewX, double viewY) {
        return new Point((viewX - panX.get()) / zoom.get(), (viewY - panY.get()) / zoom.get());
    }

    private static double clamp(double value) {
        if (Double.isNaN(value)) {
            return 1.0;
        }
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, value));
    }
}
