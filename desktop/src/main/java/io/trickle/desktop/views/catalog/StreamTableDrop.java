package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Dropping a stream table, wherever the DBA asks for it (navigator, graph, editor): the question
 * names the table and every stream table that would go with it, shows the command line, and nothing
 * happens unless the DBA confirms.
 */
public final class StreamTableDrop {

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;

    public StreamTableDrop(CatalogModel catalog, TaskExecutor tasks, DialogService dialogs,
                           NotificationService notices) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
    }

    /**
     * Asks, then drops {@code name} (with {@code --cascade} when other stream tables read it);
     * {@code dropped} receives the names the engine dropped.
     */
    public void drop(String name, Consumer<List<String>> dropped) {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null) {
            return;
        }
        List<String> readers = dependants(name);
        boolean cascade = !readers.isEmpty();
        String details = "The storage table " + name + " and its rows are removed, with the change capture that "
                + "only it needed. This cannot be undone."
                + (cascade ? "\n\nThese stream tables read it, directly or through others, and are dropped with it: "
                + String.join(", ", readers) + "." : "");
        Confirmation question = new Confirmation("Drop stream table", "Drop stream table " + name
                + (cascade ? " and " + readers.size() + " that read it?" : "?"), details,
                cascade ? "Drop " + (readers.size() + 1) + " tables" : "Drop", true, CliCommand.drop(name, cascade));
        if (!dialogs.confirm(question)) {
            return;
        }
        tasks.execute(session.drop(name, cascade)
                .onSuccess(names -> {
                    List<String> others = names.stream().filter(n -> !n.equals(name)).toList();
                    notices.success("Dropped " + name, others.isEmpty() ? "" : "Also dropped: " + String.join(", ", others));
                    catalog.reload();
                    dropped.accept(names);
                })
                .onFailure(e -> {
                    dialogs.showError(name + " not dropped", ErrorMessages.describe(e));
                    catalog.reload();
                }));
    }

    /** The stream tables that read {@code name}, directly or through others, nearest first. */
    List<String> dependants(String name) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(name));
        while (!next.isEmpty()) {
            for (String reader : catalog.snapshot().readersOf(next.poll())) {
                if (!reader.equals(name) && catalog.table(reader).isPresent() && found.add(reader)) {
                    next.add(reader);
                }
            }
        }
        return List.copyOf(found);
    }
}
