package io.trickle.desktop.views.navigator;

import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.StreamTableState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the navigator's tree, as data: what it stands for, how it reads, and its children.
 *
 * @param item     what selecting the line selects
 * @param label    the name shown
 * @param detail   a few muted words after the name ("30s · DIFFERENTIAL", "3 stream tables")
 * @param state    a stream table's state (drawn as its status icon), null for everything else
 * @param tooltip  what hovering shows; may span lines
 * @param children lines under this one
 */
public record NavigatorNode(CatalogItem item, String label, String detail, StreamTableState state, String tooltip,
                            List<NavigatorNode> children) {

    public NavigatorNode {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(label, "label");
        detail = detail == null ? "" : detail;
        tooltip = tooltip == null ? "" : tooltip;
        children = List.copyOf(children);
    }

    /** The shallowest line that stands for {@code wanted} (a table's own line before its mention as a source). */
    public Optional<NavigatorNode> find(CatalogItem wanted) {
        Deque<NavigatorNode> next = new ArrayDeque<>(List.of(this));
        while (!next.isEmpty()) {
            NavigatorNode node = next.poll();
            if (node.item.equals(wanted)) {
                return Optional.of(node);
            }
            next.addAll(node.children);
        }
        return Optional.empty();
    }
}
