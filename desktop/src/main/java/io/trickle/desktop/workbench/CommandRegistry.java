package io.trickle.desktop.workbench;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows what each {@link CommandId} does in this window. Menus, the toolbar,
 * context menus and key bindings all go through it, so a command is enabled, disabled and run the
 * same way wherever the DBA finds it.
 */
public final class CommandRegistry {

    private final Map<CommandId, WorkbenchCommand> commands = new EnumMap<>(CommandId.class);

    /** Registers what a command does; each command has exactly one owner. */
    public void register(CommandId id, WorkbenchCommand command) {
        if (commands.containsKey(id)) {
            throw new IllegalStateException(id + " already has a handler; each command has one owner");
        }
        commands.put(id, command);
    }

    public Optional<WorkbenchCommand> lookup(CommandId id) {
        return Optional.ofNullable(commands.get(id));
    }

    public boolean isRegistered(CommandId id) {
        return commands.containsKey(id);
    }

    /** Runs the command if it is registered and can execute now; returns whether it ran. */
    public boolean execute(CommandId id) {
        WorkbenchCommand command = commands.get(id);
        if (command == null || !command.canExecute()) {
            return false;
        }
        command.execute();
        return true;
    }
}
