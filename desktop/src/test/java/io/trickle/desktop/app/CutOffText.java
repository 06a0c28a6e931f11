package io.trickle.desktop.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds text the window cuts off (an ellipsis where the whole did not fit) that no tooltip shows in
 * full: on the labelled control itself or on a control around it (a table cell, a tree line).
 */
final class CutOffText {

    private CutOffText() {
    }

    /** "label #wm-summary-etl_feeds: misaligned · etl.shipme…" for each such text under {@code root}. */
    static List<String> withoutTooltip(Parent root) {
        List<String> out = new ArrayList<>();
        Deque<Node> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            Node node = next.poll();
            if (!node.isVisible() || node.getScene() == null) {
                continue;
            }
            if (node instanceof Labeled labeled && isCut(labeled) && !hasTooltip(labeled)) {
                out.add(labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : " #" + labeled.getId())
                        + ": " + labeled.getText());
            }
            if (node instanceof Parent parent) {
                next.addAll(parent.getChildrenUnmodifiable());
            }
        }
        return out;
    }

    private static boolean isCut(Labeled labeled) {
        String full = labeled.getText();
        if (full == null || full.isBlank() || labeled.getWidth() <= 0) {
            return false;
        }
        String expected = labeled.isMnemonicParsing() ? full.replaceFirst("_", "") : full;
        for (Node child : labeled.getChildrenUnmodifiable()) {
            // The skin's text, not a graphic (font icons are Text nodes too).
            if (child instanceof Text shown && child.getClass().getSimpleName().equals("LabeledText") && shown.isVisible()) {
                return !shown.getText().equals(expected) && !expected.contains("\n");
            }
        }
        return false;
    }

    private static boolean hasTooltip(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Control control && control.getTooltip() != null) {
                return true;
            }
        }
        return false;
    }
}
