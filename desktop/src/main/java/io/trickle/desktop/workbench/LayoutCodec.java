package io.trickle.desktop.workbench;

import io.trickle.desktop.workbench.LayoutNode.Axis;
import io.trickle.desktop.workbench.LayoutNode.EditorSlot;
import io.trickle.desktop.workbench.LayoutNode.Split;
import io.trickle.desktop.workbench.LayoutNode.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a layout as one line of text and reads it back, for the workspace. The text is meant to be
 * readable in a SQLite shell when a DBA asks why a view went missing:
 *
 * <pre>split(h 0.22 0.78: stack(left *connections navigator), editors, stack(right *properties))</pre>
 *
 * A star marks the view whose tab is showing. Text that does not parse is refused with the position,
 * and the caller falls back to the perspective's default layout.
 */
public final class LayoutCodec {

    private LayoutCodec() {
    }

    public static String encode(LayoutNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(LayoutNode node, StringBuilder out) {
        if (node instanceof EditorSlot) {
            out.append("editors");
        } else if (node instanceof Stack stack) {
            out.append("stack(").append(stack.id());
            String showing = stack.showing().orElse(null);
            for (String view : stack.views()) {
                out.append(' ').append(view.equals(showing) ? "*" : "").append(view);
            }
            out.append(')');
        } else if (node instanceof Split split) {
            out.append("split(").append(split.axis() == Axis.HORIZONTAL ? 'h' : 'v');
            for (double d : split.dividers()) {
                out.append(' ').append(String.format(Locale.ROOT, "%.4f", d));
            }
            out.append(':');
            for (int i = 0; i < split.children().size(); i++) {
                out.append(i == 0 ? " " : ", ");
                write(split.children().get(i), out);
            }
            out.append(')');
        }
    }

    /** @throws IllegalArgumentException saying where the text stops making sense */
    public static LayoutNode decode(String text) {
        Reader reader = new Reader(text);
        LayoutNode node = reader.node();
        reader.skipSpaces();
        if (!reader.atEnd()) {
            throw reader.error("unexpected text after the layout");
        }
        return node;
    }

    /** A recursive-descent reader over the grammar {@link #encode} writes. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text == null ? "" : text;
        }

        LayoutNode node() {
            String word = word();
            switch (word) {
                case "editors":
                    return new EditorSlot();
                case "stack":
                    return stack();
                case "split":
                    return split();
                default:
                    throw error("expected split, stack or editors but found '" + word + "'");
            }
        }

        private Stack stack() {
            expect('(');
            String id = word();
            List<String> views = new ArrayList<>();
            String selected = null;
            while (!peek(')')) {
                boolean star = peek('*');
                if (star) {
                    pos++;
                }
                String view = word();
                views.add(view);
                if (star) {
                    selected = view;
                }
            }
            expect(')');
            try {
                return new Stack(id, views, selected);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private Split split() {
            expect('(');
            String axis = word();
            if (!axis.equals("h") && !axis.equals("v")) {
                throw error("a split is h or v, not '" + axis + "'");
            }
            List<Double> dividers = new ArrayList<>();
            while (!peek(':')) {
                dividers.add(number());
            }
            expect(':');
            List<LayoutNode> children = new ArrayList<>();
            children.add(node());
            while (peek(',')) {
                pos++;
                children.add(node());
            }
            expect(')');
            try {
                return new Split(axis.equals("h") ? Axis.HORIZONTAL : Axis.VERTICAL, children, dividers);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        private double number() {
            String word = word();
            try {
                double value = Double.parseDouble(word);
                if (value < 0 || value > 1) {
                    throw error("a divider lies between 0 and 1, not " + word);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error("expected a divider position but found '" + word + "'");
            }
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
        }

        private boolean peek(char c) {
            skipSpaces();
            if (atEnd()) {
                throw error("the layout text ends too early");
            }
            return text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("layout text at " + pos + ": " + why + " in \"" + text + "\"");
        }
    }
}
