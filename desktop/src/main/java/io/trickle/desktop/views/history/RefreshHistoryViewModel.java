package io.trickle.desktop.views.history;

import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.views.catalog.RefreshText;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.HistoryEntry;
import io.trickle.engine.api.RefreshAction;
import io.trickle.engine.api.StreamTableInfo;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The refresh history across all stream tables — every decision the scheduler takes, a run of checks
 * that found nothing to do as one row — newest activity first. It comes with each catalog read, so it
 * changes on the same event as the other views. It filters by table, action, status and text;
 * failures carry their error text, which the view highlights; a cycle's rows carry their round.
 */
public final class RefreshHistoryViewModel {

    static final String ALL_TABLES = "All tables";
    static final String ALL = "All";

    private final CatalogModel catalog;

    private final ObservableList<HistoryEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final FilteredList<HistoryEntry> shown = new FilteredList<>(entries);
    private final StringProperty table = new SimpleStringProperty(this, "table", ALL_TABLES);
    private final StringProperty action = new SimpleStringProperty(this, "action", ALL);
    private final StringProperty status = new SimpleStringProperty(this, "status", ALL);
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<HistoryEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<String> tables = FXCollections.observableArrayList(ALL_TABLES);
    private final ReadOnlyObjectWrapper<EmptyStates.Message> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final StringBinding summary;
    private final StringBinding selectedText;
    private final WorkbenchCommand reload;
    private final WorkbenchCommand clearFilter;

    public RefreshHistoryViewModel(CatalogModel catalog) {
        this.catalog = catalog;
        // A choice box may clear its value when its items change; no choice means all.
        table.addListener((obs, old, now) -> choose(table, now, ALL_TABLES));
        action.addListener((obs, old, now) -> choose(action, now, ALL));
        status.addListener((obs, old, now) -> choose(status, now, ALL));
        text.addListener((obs, old, now) -> refilter());
        catalog.snapshotProperty().addListener((obs, old, now) -> show(now.history()));
        catalog.stateProperty().addListener((obs, old, now) -> stateChanged());
        summary = Bindings.createStringBinding(this::summarise, shown);
        selectedText = Bindings.createStringBinding(() -> describe(selected.get()), selected);
        reload = WorkbenchCommand.of(Bindings.isNotNull(catalog.sessionProperty()), catalog::reload);
        clearFilter = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> !filter().isEmpty(), table, action,
                status, text), this::clear);
        stateChanged();
    }

    /** The filter as the controls set it. */
    public HistoryFilter filter() {
        return new HistoryFilter(ALL_TABLES.equals(table.get()) ? "" : table.get(), ALL.equals(action.get()) ? ""
                : action.get(), ALL.equals(status.get()) ? "" : status.get(), text.get());
    }

    private void choose(StringProperty choice, String now, String all) {
        if (now == null) {
            choice.set(all);
        } else {
            refilter();
        }
    }

    private void refilter() {
        HistoryFilter current = filter();
        shown.setPredicate(current.isEmpty() ? null : current);
        updateEmpty();
    }

    private void clear() {
        table.set(ALL_TABLES);
        action.set(ALL);
        status.set(ALL);
        text.set("");
    }

    private void stateChanged() {
        CatalogModel.State state = catalog.stateProperty().get();
        if (state != CatalogModel.State.READY) {
            entries.clear();
            selected.set(null);
        } else {
            show(catalog.snapshot().history());
        }
        updateEmpty();
    }

    private void updateEmpty() {
        CatalogModel.State state = catalog.stateProperty().get();
        EmptyStates.Message message = EmptyStates.of(state, catalog.problemProperty().get(), false);
        if (message == null && entries.isEmpty()) {
            message = new EmptyStates.Message("No refreshes yet", "Select stream tables and press Ctrl+R, or use "
                    + "Refresh Now in the navigator's or the graph's context menu. The scheduler's decisions show "
                    + "here too, including its checks that found nothing to do.");
        } else if (message == null && shown.isEmpty()) {
            message = new EmptyStates.Message("No refresh matches the filter", "Clear the filter to see all "
                    + entries.size() + " decisions.");
        }
        empty.set(message);
    }

    private void show(List<HistoryEntry> read) {
        if (catalog.stateProperty().get() != CatalogModel.State.READY) {
            return;
        }
        HistoryEntry keep = selected.get();
        List<HistoryEntry> newestFirst = new java.util.ArrayList<>(read);
        // A run of quiet checks keeps its row and grows; it belongs where its latest check is.
        newestFirst.sort(java.util.Comparator.comparing(HistoryEntry::lastActivity).reversed()
                .thenComparing(java.util.Comparator.comparingLong(HistoryEntry::refreshId).reversed()));
        if (!newestFirst.equals(entries)) {
            entries.setAll(newestFirst);
        }
        TreeSet<String> names = new TreeSet<>();
        read.forEach(e -> names.add(e.name()));
        catalog.snapshot().tables().stream().map(StreamTableInfo::name).forEach(names::add);
        updateChoices(Stream.concat(Stream.of(ALL_TABLES), names.stream()).toList());
        if (keep != null) {
            selected.set(read.stream().filter(e -> e.refreshId() == keep.refreshId()).findFirst().orElse(null));
        }
        updateEmpty();
    }

    /**
     * Brings the table choices up to date one entry at a time: replacing them all would take the chosen
     * entry away from the choice box for a moment, and it would forget the choice.
     */
    private void updateChoices(List<String> options) {
        tables.removeIf(t -> !options.contains(t) && !t.equals(table.get()));
        for (int i = 0; i < options.size(); i++) {
            if (!tables.contains(options.get(i))) {
                tables.add(Math.min(i, tables.size()), options.get(i));
            }
        }
    }

    private String summarise() {
        long failed = shown.stream().filter(RefreshHistoryViewModel::failed).count();
        String count = shown.size() == entries.size() ? entries.size() + " decisions"
                : shown.size() + " of " + entries.size() + " decisions";
        return count + (failed == 0 ? "" : " · " + failed + " failed");
    }

    static boolean failed(HistoryEntry entry) {
        return "FAILED".equalsIgnoreCase(entry.status());
    }

    /** The selected refresh in full, for the detail line under the table. */
    static String describe(HistoryEntry entry) {
        if (entry == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(entry.name()).append(" · ").append(entry.action()).append(" · ")
                .append(entry.status()).append(" · ").append(entry.initiatedBy().name().toLowerCase(java.util.Locale.ROOT));
        if (entry.isQuietRun()) {
            text.append(" · ").append(checks(entry)).append(" from ").append(RefreshText.time(entry.startTime()))
                    .append(" to ").append(RefreshText.time(entry.lastCheckedAt()));
        } else {
            text.append(" · rows ").append(RefreshText.rows(entry.rowsInserted(), entry.rowsDeleted()));
            if (entry.durationMs() != null) {
                text.append(" · ").append(RefreshText.millis(entry.durationMs()));
            }
        }
        if (entry.fixpointIteration() != null) {
            text.append(" · round ").append(entry.fixpointIteration()).append(" of its cycle's fixpoint");
        }
        if (entry.reason() != null && !entry.reason().isBlank()) {
            text.append("\nReason: ").append(entry.reason());
        }
        if (entry.errorMessage() != null && !entry.errorMessage().isBlank()) {
            text.append("\nError: ").append(entry.errorMessage());
        }
        return text.toString();
    }

    /** "1 check" or "12 checks": how many scheduler checks a quiet run stands for. */
    static String checks(HistoryEntry entry) {
        int n = entry.quietChecks() == null ? 0 : entry.quietChecks();
        return n == 1 ? "1 check" : n + " checks";
    }

    public ObservableList<HistoryEntry> shown() {
        return shown;
    }

    public ObservableList<HistoryEntry> entries() {
        return readOnlyEntries;
    }

    /** "All tables" and each stream table with a refresh or in the catalog. */
    public ObservableList<String> tableChoices() {
        return tables;
    }

    public List<String> actionChoices() {
        return Stream.concat(Stream.of(ALL), Stream.of(RefreshAction.values()).map(Enum::name)).toList();
    }

    public List<String> statusChoices() {
        return List.of(ALL, "COMPLETED", "FAILED", "RUNNING", "SKIPPED");
    }

    public StringProperty tableProperty() {
        return table;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<HistoryEntry> selectedProperty() {
        return selected;
    }

    /** "40 decisions · 2 failed", or "12 of 40 decisions" while filtered. */
    public StringBinding summary() {
        return summary;
    }

    public StringBinding selectedText() {
        return selectedText;
    }

    public ReadOnlyObjectProperty<EmptyStates.Message> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public WorkbenchCommand reloadCommand() {
        return reload;
    }

    public WorkbenchCommand clearFilterCommand() {
        return clearFilter;
    }
}
