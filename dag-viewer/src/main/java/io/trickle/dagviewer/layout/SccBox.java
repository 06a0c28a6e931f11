package io.trickle.dagviewer.layout;

import java.util.Objects;
import java.util.Set;

/**
 * The box drawn around the members of one strongly connected component.
 *
 * @param index       the component's number in {@link StrongComponents#cycles()}
 * @param members     the vertices inside the box
 * @param bounds      the box, in layout coordinates
 * @param labelBounds where the component's label goes: inside the box, above the members
 * @param layer       the layer the whole box sits in
 */
public record SccBox<V>(int index, Set<V> members, Box bounds, Box labelBounds, int layer) {

    public SccBox {
        members = Set.copyOf(Objects.requireNonNull(members, "members"));
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(labelBounds, "labelBounds");
    }
}
