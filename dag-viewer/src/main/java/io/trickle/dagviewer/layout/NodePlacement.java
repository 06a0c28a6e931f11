package io.trickle.dagviewer.layout;

import java.util.Objects;

/**
 * Where one vertex is drawn.
 *
 * @param vertex the vertex
 * @param bounds its box, in layout coordinates
 * @param layer  the layer it sits in, counted from 0 in the layout direction. A member of a strongly connected
 *               component is given the layer of the component's box: its position inside the box is not a
 *               layer of the drawing, because edges inside a cycle cannot all point forwards.
 */
public record NodePlacement<V>(V vertex, Box bounds, int layer) {

    public NodePlacement {
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(bounds, "bounds");
    }
}
