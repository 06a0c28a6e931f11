package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ClipboardService;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.StreamTableDraft;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.StreamTableDetails;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;

/**
 * Copy Create Command: the command line that creates the selected stream tables again as they are —
 * query as written, schedule and mode — onto the clipboard, one line each in dependency order, so a
 * DBA can keep it in a script or create the same tables in another database.
 */
public final class CreateCommandCopy {

    private final CatalogModel catalog;
    private final SelectionService selection;
    private final TaskExecutor tasks;
    private final ClipboardService clipboard;
    private final NotificationService notices;
    private final WorkbenchCommand command;

    public CreateCommandCopy(CatalogModel catalog, SelectionService selection, TaskExecutor tasks,
                             ClipboardService clipboard, NotificationService notices) {
        this.catalog = catalog;
        this.selection = selection;
        this.tasks = tasks;
        this.clipboard = clipboard;
        this.notices = notices;
        command = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> !selected().isEmpty(),
                selection.selectionProperty(), catalog.snapshotProperty()), this::copy);
    }

    private List<String> selected() {
        if (catalog.sessionProperty().get() == null) {
            return List.of();
        }
        return RefreshOrder.of(catalog.snapshot().graph(), catalog.streamTablesOf(selection.current().items()));
    }

    private void copy() {
        EngineSession session = catalog.sessionProperty().get();
        List<String> names = selected();
        tasks.execute(BackgroundTask.of("Read the definition of " + String.join(", ", names), context -> {
            List<StreamTableDetails> out = new ArrayList<>();
            for (String name : names) {
                out.add(session.show(name).work().run(context));
            }
            return out;
        }).onSuccess(details -> {
            String text = String.join("\n", details.stream().map(CreateCommandCopy::createCommand).toList());
            clipboard.putText(text);
            notices.success("Copied the create command" + (details.size() == 1 ? "" : "s"), text.length() > 300
                    ? text.substring(0, 300) + "…" : text);
        }).onFailure(e -> notices.error("Create command not copied", ErrorMessages.describe(e))));
    }

    /** The command line that creates the stream table as it is now (its query as the DBA wrote it). */
    static String createCommand(StreamTableDetails d) {
        return CliCommand.create(new StreamTableDraft(d.name(), d.originalQuery(), d.schedule() == null ? "calculated"
                : d.schedule(), d.refreshMode().name(), true));
    }

    public WorkbenchCommand command() {
        return command;
    }
}
