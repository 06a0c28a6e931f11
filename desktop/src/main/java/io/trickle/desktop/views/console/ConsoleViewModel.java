package io.trickle.desktop.views.console;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ConsoleSession;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.RefreshText;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.StatementResult;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SQL console of the connected database: statements typed and run on a session of their own,
 * read-only until the DBA switches it to read-write (after a confirmation that says what that allows),
 * the last result in a grid with a message per statement, the statements run before in a history to
 * pick from. A run goes to the background and can be cancelled, which cancels the statement on the
 * server. After a read-write run the catalog is read again, since the statements may have changed
 * what the other views show.
 */
public final class ConsoleViewModel {

    /** Rows kept of one result. */
    static final int MAX_ROWS = 1000;
    /** Statements kept in the history, newest first. */
    static final int HISTORY = 100;

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final StringProperty script = new SimpleStringProperty(this, "script",
            "SELECT * FROM pgtrickle.stream_tables_info");
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly", true);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<StatementResult> shownResult = new ReadOnlyObjectWrapper<>(this, "shownResult");
    private final ObservableList<String> messages = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Integer> errorPosition = new ReadOnlyObjectWrapper<>(this, "errorPosition", 0);
    private final WorkbenchCommand run;
    private final WorkbenchCommand cancel;
    private final WorkbenchCommand toggleWrites;
    private ConsoleSession console;
    private EngineSession consoleOf;
    private TaskExecutor.TaskHandle runHandle;

    public ConsoleViewModel(CatalogModel catalog, TaskExecutor tasks, DialogService dialogs) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        var connected = Bindings.isNotNull(catalog.sessionProperty());
        run = WorkbenchCommand.of(connected.and(running.not()), this::run);
        cancel = WorkbenchCommand.of(running.getReadOnlyProperty(), this::cancel);
        toggleWrites = WorkbenchCommand.of(connected.and(running.not()), this::toggleWrites);
        catalog.sessionProperty().addListener((obs, old, now) -> closeConsole());
    }

    /** Runs the script: opens the console's session first when it has none yet. */
    public void run() {
        EngineSession session = catalog.sessionProperty().get();
        String text = script.get();
        if (session == null || running.get() || text == null || text.isBlank()) {
            return;
        }
        running.set(true);
        errorPosition.set(0);
        if (console == null || consoleOf != session) {
            tasks.execute(session.openConsole()
                    .onSuccess(opened -> {
                        if (session != catalog.sessionProperty().get()) {
                            tasks.execute(opened.close());
                            running.set(false);
                            return;
                        }
                        console = opened;
                        consoleOf = session;
                        console.setReadOnly(readOnly.get());
                        runOn(opened, text);
                    })
                    .onFailure(e -> {
                        running.set(false);
                        messages.setAll("Cannot open the console: " + ErrorMessages.describe(e));
                    }));
        } else {
            runOn(console, text);
        }
    }

    private void runOn(ConsoleSession on, String text) {
        remember(text);
        boolean wasReadOnly = on.isReadOnly();
        runHandle = tasks.execute(on.run(text, MAX_ROWS)
                .onSuccess(results -> {
                    running.set(false);
                    show(results);
                    if (!wasReadOnly) {
                        catalog.reloadQuietly();
                    }
                })
                .onFailure(e -> {
                    running.set(false);
                    shownResult.set(null);
                    messages.setAll(ErrorMessages.describe(e));
                })
                .onCancelled(() -> {
                    running.set(false);
                    messages.setAll("Cancelled; the statement may have finished in the database before the cancel reached it.");
                }));
    }

    private void show(List<StatementResult> results) {
        messages.setAll(results.stream().map(ConsoleViewModel::message).toList());
        StatementResult withRows = null;
        for (StatementResult r : results) {
            if (r.hasRows()) {
                withRows = r;
            }
        }
        shownResult.set(withRows);
        results.stream().filter(StatementResult::failed).findFirst()
                .ifPresent(failed -> errorPosition.set(positionIn(script.get(), failed)));
    }

    /**
     * Where in the script a failed statement went wrong, counted from 1 (the editor marks it): the place
     * PostgreSQL named in the statement, else the statement's start.
     */
    static int positionIn(String script, StatementResult failed) {
        int at = script.indexOf(failed.sql());
        if (at < 0) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Position: (\\d+)").matcher(failed.error());
        return m.find() ? at + Integer.parseInt(m.group(1)) : at + 1;
    }

    /** "SELECT · 10 rows · 1.2 ms", "UPDATE · 3 rows changed · 4 ms", or the error. */
    static String message(StatementResult r) {
        String first = r.sql().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (r.failed()) {
            return first + " failed: " + r.error();
        }
        String what = r.hasRows() ? r.rows().size() + (r.truncated() ? "+ rows (the first " + r.rows().size() + " kept)"
                : r.rows().size() == 1 ? " row" : " rows")
                : r.updateCount() >= 0 ? r.updateCount() + (r.updateCount() == 1 ? " row changed" : " rows changed") : "done";
        return first + " · " + what + " · " + RefreshText.millis(r.millis());
    }

    private void remember(String text) {
        String statement = text.strip();
        history.remove(statement);
        history.add(0, statement);
        if (history.size() > HISTORY) {
            history.remove(HISTORY, history.size());
        }
    }

    private void cancel() {
        if (runHandle != null) {
            runHandle.cancel();
        }
    }

    /** Read-only to read-write asks first; back to read-only does not. */
    private void toggleWrites() {
        if (readOnly.get()) {
            boolean yes = dialogs.confirm(new DialogService.Confirmation("Allow writes in the console",
                    "Let the SQL console change " + catalog.databaseName() + "?",
                    "In read-write mode every statement runs as typed and commits on its own, as in psql: INSERT, "
                            + "UPDATE, DELETE, DDL, and calls of functions that write. Nothing asks again until the "
                            + "console is read-only once more.", "Allow Writes", true));
            if (!yes) {
                return;
            }
        }
        readOnly.set(!readOnly.get());
        if (console != null) {
            console.setReadOnly(readOnly.get());
        }
    }

    /** Puts a statement from the history back into the editor. */
    public void recall(String statement) {
        script.set(statement);
    }

    private void closeConsole() {
        if (console != null) {
            tasks.execute(console.close());
            console = null;
            consoleOf = null;
        }
        running.set(false);
        readOnly.set(true);
    }

    /** The relations and columns the editor completes. */
    public List<RelationOutline> outlines() {
        return catalog.outlinesProperty().get();
    }

    public StringProperty scriptProperty() {
        return script;
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last statement of the last run that returned rows, or null. */
    public ReadOnlyObjectProperty<StatementResult> shownResultProperty() {
        return shownResult.getReadOnlyProperty();
    }

    /** One line per statement of the last run. */
    public ObservableList<String> messages() {
        return messages;
    }

    /** Statements run before, newest first. */
    public ObservableList<String> history() {
        return history;
    }

    /** Where the failed statement of the last run starts (from 1), or 0. */
    public ReadOnlyObjectProperty<Integer> errorPositionProperty() {
        return errorPosition.getReadOnlyProperty();
    }

    public WorkbenchCommand runCommand() {
        return run;
    }

    public WorkbenchCommand cancelCommand() {
        return cancel;
    }

    public WorkbenchCommand toggleWritesCommand() {
        return toggleWrites;
    }

    /** For a closed window: the console's session ends too. */
    public BackgroundTask<Void> close() {
        ConsoleSession open = console;
        console = null;
        return open == null ? BackgroundTask.<Void>of("Close the console", context -> null).silent() : open.close();
    }
}
