package io.trickle.desktop.workbench;

import java.util.Optional;

/**
 * Every command of the workbench, declared once with its text, icon, key binding and place. Menus,
 * the toolbar, context menus and key bindings are all made from this list by {@link CommandControls};
 * what a command does is registered separately in the {@link CommandRegistry} by the view model that
 * owns it. A later feature adds its command here (say {@code REFRESH_NOW}) and registers a handler.
 */
public enum CommandId {
    NEW_CONNECTION("New Connection…", "fth-plus-circle", "Shortcut+N", Menu.FILE, 1, Placement.MENU_AND_TOOLBAR),
    EDIT_CONNECTION("Edit Connection…", "fth-edit-2", null, Menu.FILE, 1, Placement.MENU),
    DELETE_CONNECTION("Delete Connection…", "fth-trash-2", null, Menu.FILE, 1, Placement.MENU),
    TEST_CONNECTION("Test Connection", "fth-activity", "Shortcut+T", Menu.FILE, 2, Placement.MENU_AND_TOOLBAR),
    CONNECT("Connect", "fth-link", "Shortcut+K", Menu.FILE, 2, Placement.MENU_AND_TOOLBAR),
    DISCONNECT("Disconnect", "fth-x-circle", "Shortcut+Shift+K", Menu.FILE, 2, Placement.MENU_AND_TOOLBAR),
    OPEN_BENCHMARKS("Open Benchmark Runs…", "fth-folder-plus", null, Menu.FILE, 3, Placement.MENU),
    EXPORT_CHART("Export Chart as PNG…", "fth-image", null, Menu.FILE, 3, Placement.MENU),
    RESET_DEMO("Reset Demo…", "fth-rotate-ccw", null, Menu.FILE, 4, Placement.MENU),
    EXIT("Exit", "fth-log-out", "Shortcut+Q", Menu.FILE, 9, Placement.MENU),

    UNDO("Undo", "fth-corner-up-left", "Shortcut+Z", Menu.EDIT, 1, Placement.MENU),
    REDO("Redo", "fth-corner-up-right", "Shortcut+Shift+Z", Menu.EDIT, 1, Placement.MENU),

    INSTALL_CATALOG("Install or Upgrade Catalog…", "fth-download", null, Menu.DATABASE, 1, Placement.MENU),
    NEW_STREAM_TABLE("New Stream Table…", "fth-plus-square", "Shortcut+Shift+N", Menu.DATABASE, 2,
            Placement.MENU_AND_TOOLBAR),
    EDIT_STREAM_TABLE("Edit Stream Table", "fth-edit", "F4", Menu.DATABASE, 2, Placement.MENU),
    VIEW_DATA("View Data", "fth-grid", "F3", Menu.DATABASE, 2, Placement.MENU),
    COPY_CREATE_COMMAND("Copy Create Command", "fth-copy", "Shortcut+Shift+C", Menu.DATABASE, 2, Placement.MENU),
    DROP_STREAM_TABLE("Drop Stream Table…", "fth-trash-2", "Shortcut+Delete", Menu.DATABASE, 2, Placement.MENU),
    VALIDATE_QUERY("Validate Query", "fth-check-square", "Shortcut+Enter", Menu.DATABASE, 3, Placement.MENU),
    SAVE_STREAM_TABLE("Save Stream Table", "fth-save", "Shortcut+S", Menu.DATABASE, 3, Placement.MENU),
    REFRESH_NOW("Refresh Now", "fth-zap", "Shortcut+R", Menu.DATABASE, 4, Placement.MENU_AND_TOOLBAR),
    FULL_REFRESH("Full Refresh", "fth-fast-forward", "Shortcut+Shift+R", Menu.DATABASE, 4, Placement.MENU),
    RELOAD_CATALOG("Reload", "fth-refresh-cw", "F5", Menu.DATABASE, 4, Placement.MENU_AND_TOOLBAR),
    NEW_WATERMARK_GROUP("New Watermark Group…", "fth-flag", null, Menu.DATABASE, 6, Placement.MENU),
    EDIT_WATERMARK_GROUP("Change Watermark Group…", "fth-sliders", null, Menu.DATABASE, 6, Placement.MENU),
    DROP_WATERMARK_GROUP("Drop Watermark Group…", "fth-trash-2", null, Menu.DATABASE, 6, Placement.MENU),
    ADVANCE_WATERMARK("Advance Watermark…", "fth-skip-forward", null, Menu.DATABASE, 6, Placement.MENU),
    TOGGLE_ENGINE("Switch Bundled Engine On/Off", "fth-cpu", null, Menu.DATABASE, 5, Placement.MENU),
    OPEN_CONSOLE("SQL Console", "fth-terminal", "Shortcut+Shift+Q", Menu.DATABASE, 7, Placement.MENU_AND_TOOLBAR),

    NEXT_PERSPECTIVE("Next Perspective", "fth-layout", "Shortcut+F8", Menu.WINDOW, 1, Placement.MENU),
    RESET_PERSPECTIVE("Reset Perspective", "fth-rotate-ccw", null, Menu.WINDOW, 1, Placement.MENU),
    MAXIMISE_VIEW("Maximise or Restore View", "fth-maximize-2", "Shortcut+M", Menu.WINDOW, 2, Placement.MENU),
    TOGGLE_THEME("Toggle Light/Dark Theme", "fth-moon", "Shortcut+Shift+L", Menu.WINDOW, 3,
            Placement.MENU_AND_TOOLBAR),

    CANCEL_JOB("Cancel Job", "fth-x-octagon", null, Menu.NONE, 0, Placement.CONTEXT),
    CLEAR_FINISHED_JOBS("Clear Finished Jobs", "fth-trash", null, Menu.NONE, 0, Placement.CONTEXT),
    RELOAD_WATERMARKS("Reload Watermarks", "fth-refresh-cw", null, Menu.NONE, 0, Placement.CONTEXT),
    CLOSE_BENCHMARK("Close Benchmark Run", "fth-x-square", null, Menu.NONE, 0, Placement.CONTEXT),
    CLEAR_HISTORY_FILTER("Clear Filter", "fth-x-circle", null, Menu.NONE, 0, Placement.CONTEXT),
    RELOAD_DATA("Reload Rows", "fth-refresh-cw", null, Menu.NONE, 0, Placement.CONTEXT),
    CANCEL_DATA("Cancel Reading", "fth-x-octagon", null, Menu.NONE, 0, Placement.CONTEXT),
    RUN_SQL("Run Statements", "fth-play", "Shortcut+Enter", Menu.NONE, 0, Placement.CONTEXT, "the SQL console"),
    CANCEL_SQL("Cancel Statement", "fth-x-octagon", null, Menu.NONE, 0, Placement.CONTEXT),
    TOGGLE_CONSOLE_WRITES("Allow Writes…", "fth-unlock", null, Menu.NONE, 0, Placement.CONTEXT),
    COMPLETE_SQL("Complete Name", "fth-chevrons-right", "Shortcut+Space", Menu.NONE, 0, Placement.CONTEXT,
            "SQL editors"),
    MOVE_VIEW("Move To", "fth-move", null, Menu.NONE, 0, Placement.CONTEXT),
    CLOSE_VIEW("Close View", "fth-x", null, Menu.NONE, 0, Placement.CONTEXT),

    KEYBOARD_SHORTCUTS("Keyboard Shortcuts", "fth-command", "F1", Menu.HELP, 1, Placement.MENU),
    ABOUT("About Trickle", "fth-info", null, Menu.HELP, 2, Placement.MENU);

    /** The menus of the menu bar, in order. */
    public enum Menu {
        FILE("_File"), EDIT("_Edit"), DATABASE("_Database"), WINDOW("_Window"), HELP("_Help"), NONE("");

        private final String text;

        Menu(String text) {
            this.text = text;
        }

        /** The menu's title with its mnemonic marked by an underscore. */
        public String text() {
            return text;
        }
    }

    /** Where the command appears besides context menus. */
    public enum Placement {
        MENU, MENU_AND_TOOLBAR, CONTEXT;

        public boolean inMenuBar() {
            return this != CONTEXT;
        }

        public boolean onToolbar() {
            return this == MENU_AND_TOOLBAR;
        }
    }

    private final String label;
    private final String icon;
    private final String accelerator;
    private final Menu menu;
    private final int group;
    private final Placement placement;
    private final String scope;

    CommandId(String label, String icon, String accelerator, Menu menu, int group, Placement placement) {
        this(label, icon, accelerator, menu, group, placement, null);
    }

    /**
     * @param scope where the key works, for a key that one part of the window handles itself ("the SQL
     *              console"); such keys are not bound for the whole window
     */
    CommandId(String label, String icon, String accelerator, Menu menu, int group, Placement placement, String scope) {
        this.label = label;
        this.icon = icon;
        this.accelerator = accelerator;
        this.menu = menu;
        this.group = group;
        this.placement = placement;
        this.scope = scope;
    }

    public String label() {
        return label;
    }

    /** An Ikonli icon literal. */
    public String icon() {
        return icon;
    }

    /** A JavaFX key combination ({@code Shortcut+K}), if the command has one. */
    public Optional<String> accelerator() {
        return Optional.ofNullable(accelerator);
    }

    public Menu menu() {
        return menu;
    }

    /** Commands of one menu with different groups are separated by a line. */
    public int group() {
        return group;
    }

    public Placement placement() {
        return placement;
    }

    /** Where the command's key works when only part of the window handles it; empty for the whole window. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }
}
