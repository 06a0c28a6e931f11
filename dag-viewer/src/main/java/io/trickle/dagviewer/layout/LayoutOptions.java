package io.trickle.dagviewer.layout;

import java.util.Objects;

/**
 * What the caller may choose about a layout. Distances are in layout units (pixels at zoom 1).
 *
 * @param direction   which way the layers run
 * @param edgeStyle   how edges are routed
 * @param nodeSpacing the gap between two nodes of the same layer
 * @param layerSpacing the gap between two neighbouring layers
 * @param sccPadding  the gap between a strongly connected component's box and its members
 */
public record LayoutOptions(LayoutDirection direction, EdgeStyle edgeStyle, double nodeSpacing, double layerSpacing,
                            double sccPadding) {

    public static final LayoutOptions DEFAULT =
            new LayoutOptions(LayoutDirection.LEFT_TO_RIGHT, EdgeStyle.ORTHOGONAL, 20, 50, 12);

    public LayoutOptions {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(edgeStyle, "edgeStyle");
        requireDistance("nodeSpacing", nodeSpacing);
        requireDistance("layerSpacing", layerSpacing);
        requireDistance("sccPadding", sccPadding);
    }

    public LayoutOptions withDirection(LayoutDirection newDirection) {
        return new LayoutOptions(newDirection, edgeStyle, nodeSpacing, layerSpacing, sccPadding);
    }

    public LayoutOptions withEdgeStyle(EdgeStyle newEdgeStyle) {
        return new LayoutOptions(direction, newEdgeStyle, nodeSpacing, layerSpacing, sccPadding);
    }

    public LayoutOptions withSpacing(double newNodeSpacing, double newLayerSpacing) {
        return new LayoutOptions(direction, edgeStyle, newNodeSpacing, newLayerSpacing, sccPadding);
    }

    private static void requireDistance(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite distance of at least 0, not " + value);
        }
    }
}
