package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.RefreshResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One-click refresh: the selected stream tables (or those of a selected schema, database or cycle)
 * are refreshed one after another in dependency order, each as a background job the DBA can cancel.
 * Cancelling a job drops the tables still waiting. Each outcome (action, rows, milliseconds) is told
 * as a notification and kept in {@link #outcomes()}, which the refresh history follows.
 */
public final class RefreshQueue {

    /** Runs of more tables than this are told in one notice at the end instead of one per table. */
    static final int NOTICES_PER_TABLE_UP_TO = 3;

    /** How one refresh ended: {@code result} when it ran, {@code error} when it failed. */
    public record Outcome(String name, boolean full, RefreshResult result, String error) {
        public Outcome {
            Objects.requireNonNull(name, "name");
        }

        public boolean failed() {
            return error != null;
        }
    }

    private record Request(String name, boolean full) {
    }

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final NotificationService notices;
    private final SelectionService selection;

    private final Deque<Request> pending = new ArrayDeque<>();
    private final List<Outcome> run = new ArrayList<>();
    private final ObservableList<Outcome> outcomes = FXCollections.observableArrayList();
    private final ObservableList<Outcome> readOnlyOutcomes = FXCollections.unmodifiableObservableList(outcomes);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private int runSize;

    private final WorkbenchCommand refreshNow;
    private final WorkbenchCommand fullRefresh;

    public RefreshQueue(CatalogModel catalog, TaskExecutor tasks, NotificationService notices,
                        SelectionService selection) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.notices = notices;
        this.selection = selection;
        var canRefresh = Bindings.createBooleanBinding(() -> !selectedTables().isEmpty(),
                selection.selectionProperty(), catalog.snapshotProperty());
        refreshNow = WorkbenchCommand.of(canRefresh, () -> refresh(selectedTables(), false));
        fullRefresh = WorkbenchCommand.of(canRefresh, () -> refresh(selectedTables(), true));
    }

    /** The stream tables the current selection stands for. */
    public List<String> selectedTables() {
        if (catalog.sessionProperty().get() == null) {
            return List.of();
        }
        return catalog.streamTablesOf(selection.current().items());
    }

    /** Queues the tables in dependency order; those already waiting are not queued twice. */
    public void refresh(List<String> names, boolean full) {
        if (catalog.sessionProperty().get() == null || names.isEmpty()) {
            return;
        }
        for (String name : RefreshOrder.of(catalog.snapshot().graph(), names)) {
            if (pending.stream().noneMatch(r -> r.name().equals(name))) {
                pending.add(new Request(name, full));
                runSize++;
            }
        }
        if (!busy.get()) {
            next();
        }
    }

    private void next() {
        EngineSession session = catalog.sessionProperty().get();
        Request request = pending.poll();
        if (request == null || session == null) {
            finishRun();
            return;
        }
        busy.set(true);
        catalog.markRefreshing(request.name(), true);
        tasks.execute(session.refresh(request.name(), request.full())
                .onSuccess(result -> done(new Outcome(request.name(), request.full(), result, null)))
                .onFailure(e -> done(new Outcome(request.name(), request.full(), null, ErrorMessages.describe(e))))
                .onCancelled(() -> cancelled(request)));
    }

    private void done(Outcome outcome) {
        catalog.markRefreshing(outcome.name(), false);
        run.add(outcome);
        outcomes.add(outcome);
        if (outcome.failed()) {
            notices.error("Refresh of " + outcome.name() + " failed", outcome.error());
        } else if (runSize <= NOTICES_PER_TABLE_UP_TO) {
            notices.success("Refreshed " + outcome.name(), RefreshText.summary(outcome.result()));
        }
        catalog.reloadQuietly();
        next();
    }

    private void cancelled(Request request) {
        catalog.markRefreshing(request.name(), false);
        List<String> dropped = pending.stream().map(Request::name).toList();
        pending.clear();
        notices.info("Refresh cancelled", request.name() + " may still finish in the database"
                + (dropped.isEmpty() ? "." : "; not refreshed: " + String.join(", ", dropped) + "."));
        catalog.reloadQuietly();
        finishRun();
    }

    private void finishRun() {
        if (run.size() > NOTICES_PER_TABLE_UP_TO) {
            long failed = run.stream().filter(Outcome::failed).count();
            String text = RefreshText.runSummary(run.stream().filter(o -> !o.failed()).map(Outcome::result).toList());
            if (failed == 0) {
                notices.success("Refreshed " + run.size() + " stream tables", text);
            } else {
                notices.warning("Refreshed " + (run.size() - failed) + " of " + run.size() + " stream tables",
                        text + " · " + failed + " failed");
            }
        }
        run.clear();
        runSize = 0;
        busy.set(false);
    }

    /** Every refresh this window ran, oldest first. */
    public ObservableList<Outcome> outcomes() {
        return readOnlyOutcomes;
    }

    /** True while refreshes run or wait. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public WorkbenchCommand refreshNowCommand() {
        return refreshNow;
    }

    public WorkbenchCommand fullRefreshCommand() {
        return fullRefresh;
    }
}
