package io.trickle.desktop.workbench;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one place that knows what each {@link CommandId} does in this window. Menus, the toolbar,
 * context menus and key bindings all go through it, so a command is enabled, disabled and run the
 * same way wherever the DBA finds it.
 */
public final class CommandRegistry {

    private final Map<CommandId, ReadOnlyObjectWrapper<WorkbenchCommand>> commands = new EnumMap<>(CommandId.class);

    /** Registers what a command does; each command has exactly one owner. */
    public void register(CommandId id, WorkbenchCommand command) {
        if (isRegistered(id)) {
            throw new IllegalStateException(id + " already has a handler; each command has one owner");
        }
        slot(id).set(command);
    }

    public Optional<WorkbenchCommand> lookup(CommandId id) {
        return Optional.ofNullable(slot(id).get());
    }

    public boolean isRegistered(CommandId id) {
        return lookup(id).isPresent();
    }

    /**
     * The command registered under {@code id}, or null until someone registers it. Controls follow
     * this, so a view may build its buttons before the composition root registers their commands.
     */
    public ReadOnlyObjectProperty<WorkbenchCommand> commandProperty(CommandId id) {
        return slot(id).getReadOnlyProperty();
    }

    /** Runs the command if it is registered and can execute now; returns whether it ran. */
    public boolean execute(CommandId id) {
        WorkbenchCommand command = slot(id).get();
        if (command == null || !command.canExecute()) {
            return false;
        }
        command.execute();
        return true;
    }

    private ReadOnlyObjectWrapper<WorkbenchCommand> slot(CommandId id) {
        return commands.computeIfAbsent(id, key -> new ReadOnlyObjectWrapper<>(this, key.name()));
    }
}
