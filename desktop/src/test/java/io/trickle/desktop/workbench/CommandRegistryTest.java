package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {

    private final CommandRegistry registry = new CommandRegistry();

    @Test
    void runsACommandOnlyWhileItCanExecute() {
        SimpleBooleanProperty enabled = new SimpleBooleanProperty(false);
        AtomicInteger runs = new AtomicInteger();
        registry.register(CommandId.CONNECT, WorkbenchCommand.of(enabled, runs::incrementAndGet));

        assertFalse(registry.execute(CommandId.CONNECT));
        enabled.set(true);
        assertTrue(registry.execute(CommandId.CONNECT));
        assertEquals(1, runs.get());
    }

    @Test
    void controlsBuiltBeforeRegistrationSeeTheLaterCommand() {
        javafx.beans.value.ObservableValue<Boolean> enabled = registry.commandProperty(CommandId.CONNECT)
                .flatMap(WorkbenchCommand::executable).orElse(false);
        assertFalse(enabled.getValue());
        registry.register(CommandId.CONNECT, WorkbenchCommand.of(new SimpleBooleanProperty(true), () -> { }));
        assertTrue(enabled.getValue());
    }

    @Test
    void anUnregisteredCommandDoesNothing() {
        assertFalse(registry.isRegistered(CommandId.ABOUT));
        assertFalse(registry.execute(CommandId.ABOUT));
    }

    @Test
    void eachCommandHasOneOwner() {
        WorkbenchCommand command = WorkbenchCommand.of(new SimpleBooleanProperty(true), () -> { });
        registry.register(CommandId.UNDO, command);
        assertThrows(IllegalStateException.class, () -> registry.register(CommandId.UNDO, command));
    }

    @Test
    void keyBindingsAreValidAndUnique() {
        // Keys for the whole window are unique; a part of the window may give one its own meaning (Ctrl+Enter
        // runs the SQL console), which is why those are listed with where they work.
        Set<String> seen = new HashSet<>();
        Arrays.stream(CommandId.values()).filter(id -> id.scope().isEmpty()).forEach(id -> id.accelerator().ifPresent(key -> {
            javafx.scene.input.KeyCombination.valueOf(key);
            assertTrue(seen.add(key.toLowerCase(java.util.Locale.ROOT)), key + " is bound twice");
        }));
    }

    @Test
    void everyMenuCommandHasAMenuAndEveryCommandAnIcon() {
        for (CommandId id : CommandId.values()) {
            assertTrue(id.icon().startsWith("fth-"), id + " has no Feather icon");
            assertEquals(id.placement().inMenuBar(), id.menu() != CommandId.Menu.NONE, id.name());
        }
    }
}
