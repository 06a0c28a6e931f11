package io.trickle.desktop.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every command of the workbench with its key and where it is found, made from {@link CommandId} so
 * that Help ▸ Keyboard Shortcuts, the README's table and the menus cannot disagree; and the gestures
 * that are no command (a double-click on a tab).
 */
public final class KeyboardShortcuts {

    /**
     * One line of the list.
     *
     * @param command what it does
     * @param keys    its key as the DBA presses it ({@code Ctrl+Shift+N}; {@code Cmd} on macOS), or empty
     * @param where   where it is found: a menu ({@code Database menu}), context menus, or a part of the window
     */
    public record Shortcut(String command, String keys, String where) {
    }

    /** What the pointer does that no command does. */
    static final List<Shortcut> GESTURES = List.of(
            new Shortcut("Maximise or restore a view", "Double-click its tab", "any view's tab"),
            new Shortcut("Edit a stream table", "Double-click or Enter", "the navigator, the graph"),
            new Shortcut("Put a statement back into the console", "Double-click", "the SQL console's history"));

    private KeyboardShortcuts() {
    }

    /** Every command, in menu order, then the gestures. */
    public static List<Shortcut> all() {
        List<Shortcut> out = new ArrayList<>();
        for (CommandId id : CommandId.values()) {
            out.add(new Shortcut(id.label().replace("…", ""), id.accelerator().map(KeyboardShortcuts::keyText).orElse(""),
                    where(id)));
        }
        out.addAll(GESTURES);
        return out;
    }

    /** The commands that have a key, and the gestures: the README's table. */
    public static List<Shortcut> withKeys() {
        return all().stream().filter(s -> !s.keys().isEmpty()).toList();
    }

    /** {@code Shortcut+Shift+N} as a DBA reads it: {@code Ctrl+Shift+N}. */
    public static String keyText(String accelerator) {
        List<String> parts = new ArrayList<>();
        for (String part : accelerator.split("\\+")) {
            parts.add(switch (part) {
                case "Shortcut" -> "Ctrl";
                case "Delete" -> "Delete";
                default -> part.length() == 1 ? part.toUpperCase(Locale.ROOT) : part;
            });
        }
        return String.join("+", parts);
    }

    private static String where(CommandId id) {
        if (id.scope().isPresent()) {
            return id.scope().get();
        }
        if (id.placement().inMenuBar()) {
            return id.menu().text().replace("_", "") + " menu";
        }
        return "context menus and view toolbars";
    }
}
