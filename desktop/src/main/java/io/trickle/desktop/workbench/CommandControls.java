package io.trickle.desktop.workbench;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Makes menu items, buttons and context menus from {@link CommandId}s, each wired to the
 * {@link CommandRegistry}: its text, icon and key binding come from the id, whether it is enabled
 * from the registered command. Nothing else in the workbench builds a command control by hand.
 */
public final class CommandControls {

    private final CommandRegistry registry;

    public CommandControls(CommandRegistry registry) {
        this.registry = registry;
    }

    public MenuItem menuItem(CommandId id) {
        MenuItem item = new MenuItem(id.label(), icon(id.icon()));
        item.setId(menuItemId(id));
        id.accelerator().map(KeyCombination::valueOf).ifPresent(item::setAccelerator);
        wire(item, id);
        return item;
    }

    /** A menu item whose text follows a property, such as "Undo Move Jobs". */
    public MenuItem menuItem(CommandId id, ObservableStringValue text) {
        MenuItem item = menuItem(id);
        item.textProperty().bind(text);
        return item;
    }

    /** An icon-only toolbar button with the label and key binding as its tooltip. */
    public Button toolbarButton(CommandId id) {
        Button button = new Button(null, icon(id.icon()));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(id.label() + id.accelerator().map(a -> "  (" + shortcutText(a) + ")").orElse("")));
        button.getStyleClass().add(buttonId(id));
        button.setFocusTraversable(false);
        wire(button, id);
        return button;
    }

    /** A small button with text and icon, for a view's own toolbar. */
    public Button button(CommandId id) {
        Button button = new Button(id.label().replace("…", ""), icon(id.icon()));
        button.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, buttonId(id));
        button.setFocusTraversable(false);
        wire(button, id);
        return button;
    }

    /** A context menu of commands; each inner list is a group, separated by lines. */
    @SafeVarargs
    public final ContextMenu contextMenu(List<CommandId>... groups) {
        ContextMenu menu = new ContextMenu();
        for (List<CommandId> group : groups) {
            if (!menu.getItems().isEmpty()) {
                menu.getItems().add(new SeparatorMenuItem());
            }
            group.forEach(id -> menu.getItems().add(menuItem(id)));
        }
        return menu;
    }

    /**
     * The menu bar: every command whose placement is the menu bar, grouped by menu and group, and
     * extra items some menus append (the perspective list, "Show View").
     */
    public MenuBar menuBar(Map<CommandId.Menu, List<MenuItem>> extras, Map<CommandId, ObservableStringValue> texts) {
        MenuBar bar = new MenuBar();
        for (CommandId.Menu menu : CommandId.Menu.values()) {
            if (menu == CommandId.Menu.NONE) {
                continue;
            }
            Menu fxMenu = new Menu(menu.text());
            fxMenu.setId("menu-" + menu.name().toLowerCase(java.util.Locale.ROOT));
            int lastGroup = -1;
            for (CommandId id : commandsIn(menu)) {
                if (lastGroup >= 0 && id.group() != lastGroup) {
                    fxMenu.getItems().add(new SeparatorMenuItem());
                }
                lastGroup = id.group();
                ObservableStringValue text = texts.get(id);
                fxMenu.getItems().add(text == null ? menuItem(id) : menuItem(id, text));
            }
            List<MenuItem> extra = extras.getOrDefault(menu, List.of());
            if (!extra.isEmpty()) {
                if (!fxMenu.getItems().isEmpty()) {
                    fxMenu.getItems().add(new SeparatorMenuItem());
                }
                fxMenu.getItems().addAll(extra);
            }
            bar.getMenus().add(fxMenu);
        }
        return bar;
    }

    /** Toolbar buttons for the commands placed on the toolbar, with a gap between groups of menus. */
    public List<javafx.scene.Node> toolbarItems() {
        List<javafx.scene.Node> items = new ArrayList<>();
        CommandId.Menu lastMenu = null;
        int lastGroup = -1;
        for (CommandId id : CommandId.values()) {
            if (!id.placement().onToolbar()) {
                continue;
            }
            if (lastMenu != null && (id.menu() != lastMenu || id.group() != lastGroup)) {
                items.add(new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL));
            }
            lastMenu = id.menu();
            lastGroup = id.group();
            Button button = toolbarButton(id);
            button.setId(buttonId(id));
            items.add(button);
        }
        return items;
    }

    /**
     * Key bindings for commands that are not in the menu bar (menu items carry their own, and binding
     * both would run the command twice).
     */
    public void installAccelerators(Scene scene) {
        for (CommandId id : CommandId.values()) {
            Optional<String> accelerator = id.accelerator();
            if (accelerator.isPresent() && !id.placement().inMenuBar() && id.scope().isEmpty()) {
                scene.getAccelerators().put(KeyCombination.valueOf(accelerator.get()), () -> registry.execute(id));
            }
        }
    }

    public static FontIcon icon(String literal) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().add("command-icon");
        return icon;
    }

    /**
     * Names tests and CSS find controls by: the id {@code menu-connect} of a menu-bar item, the id
     * {@code button-connect} of the main toolbar's button, and the style class {@code button-connect}
     * of every button for the command (a view's toolbar may have one too).
     */
    public static String menuItemId(CommandId id) {
        return "menu-" + cssName(id);
    }

    public static String buttonId(CommandId id) {
        return "button-" + cssName(id);
    }

    private static String cssName(CommandId id) {
        return id.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String shortcutText(String accelerator) {
        return KeyCombination.valueOf(accelerator).getDisplayText();
    }

    private List<CommandId> commandsIn(CommandId.Menu menu) {
        return Arrays.stream(CommandId.values()).filter(id -> id.menu() == menu && id.placement().inMenuBar())
                .sorted(java.util.Comparator.comparingInt(CommandId::group))
                .toList();
    }

    private void wire(MenuItem item, CommandId id) {
        item.disableProperty().bind(disabledWhen(id));
        item.setOnAction(e -> registry.execute(id));
    }

    private void wire(Button button, CommandId id) {
        button.disableProperty().bind(disabledWhen(id));
        button.setOnAction(e -> registry.execute(id));
    }

    /** Disabled while the command cannot execute, and while nobody has registered it yet. */
    private ObservableValue<Boolean> disabledWhen(CommandId id) {
        return registry.commandProperty(id)
                .flatMap(command -> command.executable())
                .map(executable -> !executable)
                .orElse(true);
    }
}
