package io.trickle.desktop.views.editor;

import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.StreamTableChange;
import io.trickle.desktop.services.StreamTableDraft;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.CliCommand;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.CreateResult;
import io.trickle.engine.api.StreamTableDetails;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.api.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/**
 * One stream table in the editor, new or existing: its name, query, schedule, mode and status as the
 * DBA edits them. The input is checked as it is typed; Validate asks the engine what it would make of
 * the query (DIFFERENTIAL or why not, the operator tree, the delta SQL) without creating anything;
 * Save creates or alters after showing the command line and asking, and asks with a warning before a
 * new query rebuilds the table's contents.
 */
public final class StreamTableEditorViewModel {

    public static final List<String> MODES = List.of("AUTO", "DIFFERENTIAL", "FULL");
    public static final List<String> STATUSES = List.of("ACTIVE", "SUSPENDED");
    static final String NEW_TITLE = "New stream table";

    /** What the coordinator of the open editors hears from one of them. */
    public interface Listener {
        /** The stream table of this editor was created, so the editor now edits an existing table. */
        void created(StreamTableEditorViewModel editor);

        /** The DBA asked to drop this editor's table. */
        void dropRequested(StreamTableEditorViewModel editor);
    }

    /** The values last loaded or saved, against which the editor is dirty. */
    private record Baseline(String query, String schedule, String mode, String status) {
    }

    private final EngineSession session;
    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;
    private final Listener listener;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final StringProperty schedule = new SimpleStringProperty(this, "schedule", "calculated");
    private final StringProperty mode = new SimpleStringProperty(this, "mode", "AUTO");
    private final StringProperty status = new SimpleStringProperty(this, "status", "ACTIVE");
    private final BooleanProperty initialize = new SimpleBooleanProperty(this, "initialize", true);

    private final ReadOnlyBooleanWrapper isNew;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(this, "validating");
    private final ReadOnlyObjectWrapper<Baseline> baseline = new ReadOnlyObjectWrapper<>(this, "baseline");
    private final ReadOnlyObjectWrapper<StreamTableDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyObjectWrapper<ValidationResult> validation = new ReadOnlyObjectWrapper<>(this, "validation");
    private final ReadOnlyStringWrapper validationError = new ReadOnlyStringWrapper(this, "validationError", "");
    /** Where in the query the engine located the error (from 1), or 0. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper errorPosition =
            new javafx.beans.property.ReadOnlyIntegerWrapper(this, "errorPosition");
    private final ReadOnlyStringWrapper validatedFor = new ReadOnlyStringWrapper(this, "validatedFor", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", NEW_TITLE);

    private final StringBinding problem;
    private final BooleanBinding dirty;
    private final BooleanBinding validationOutdated;
    private final StringBinding commandPreview;
    private final WorkbenchCommand validate;
    private final WorkbenchCommand save;
    private final WorkbenchCommand drop;
    private final WorkbenchCommand revert;

    /**
     * @param existing the stream table to edit, or null for a new one
     */
    public StreamTableEditorViewModel(EngineSession session, CatalogModel catalog, TaskExecutor tasks,
                                      DialogService dialogs, NotificationService notices, Listener listener,
                                      String existing) {
        this.session = Objects.requireNonNull(session, "session");
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        this.listener = listener;
        this.isNew = new ReadOnlyBooleanWrapper(this, "isNew", existing == null);

        problem = Bindings.createStringBinding(() -> EditorInput.problem(isNew.get(), name.get(), query.get(),
                schedule.get(), mode.get()).orElse(""), isNew, name, query, schedule, mode);
        dirty = Bindings.createBooleanBinding(() -> isNew.get()
                ? !name.get().isBlank() || !query.get().isBlank()
                : baseline.get() != null && !change().isEmpty(), isNew, name, query, schedule, mode, status, baseline);
        validationOutdated = Bindings.createBooleanBinding(() -> (validation.get() != null
                || !validationError.get().isEmpty()) && !validatedFor.get().equals(validationKey()),
                validation, validationError, validatedFor, query, mode);
        commandPreview = Bindings.createStringBinding(this::preview, isNew, name, query, schedule, mode, status,
                initialize, baseline);

        validate = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> !query.get().isBlank()
                && EditorInput.modeProblem(mode.get()).isEmpty() && !validating.get(), query, mode, validating),
                this::validate);
        save = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> dirty.get() && problem.get().isEmpty()
                && !busy.get() && !loading.get(), dirty, problem, busy, loading), this::save);
        drop = WorkbenchCommand.of(isNew.not().and(busy.not()), () -> listener.dropRequested(this));
        revert = WorkbenchCommand.of(dirty.and(isNew.not()), this::revert);

        if (existing != null) {
            name.set(existing);
            title.set(existing);
            load();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Loading an existing table
    // ---------------------------------------------------------------------------------------------

    /** Reads the table's definition and current plan. */
    public void load() {
        loading.set(true);
        tasks.execute(session.show(name.get())
                .onSuccess(this::loaded)
                .onFailure(e -> {
                    loading.set(false);
                    dialogs.showError("Cannot open " + name.get(), ErrorMessages.describe(e));
                }));
    }

    private void loaded(StreamTableDetails shown) {
        loading.set(false);
        details.set(shown);
        query.set(shown.originalQuery());
        schedule.set(shown.schedule() == null ? "calculated" : shown.schedule());
        mode.set(shown.refreshMode().name());
        status.set(STATUSES.contains(shown.status()) ? shown.status() : "ACTIVE");
        baseline.set(new Baseline(query.get(), EditorInput.normalisedSchedule(schedule.get()), mode.get(), status.get()));
        validation.set(new ValidationResult(shown.effectiveMode(), shown.fallbackReason(),
                shown.columns().stream().filter(c -> !c.startsWith("__pgt_")).toList(), shown.operatorTree(),
                shown.strategy(), shown.deltaSql(), List.of()));
        validationError.set("");
        validatedFor.set(validationKey());
    }

    // ---------------------------------------------------------------------------------------------
    // Validate
    // ---------------------------------------------------------------------------------------------

    private void validate() {
        String key = validationKey();
        validating.set(true);
        errorPosition.set(0);
        tasks.execute(session.validate(query.get(), normalisedMode())
                .onSuccess(result -> {
                    validating.set(false);
                    validation.set(result);
                    validationError.set("");
                    errorPosition.set(0);
                    validatedFor.set(key);
                })
                .onFailure(e -> {
                    validating.set(false);
                    validation.set(null);
                    validationError.set(ErrorMessages.describe(e));
                    errorPosition.set(positionOf(e));
                    validatedFor.set(key);
                })
                .onCancelled(() -> validating.set(false)));
    }

    /** Where the engine located a query's error (from 1), or 0 when it named no place. */
    static int positionOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrickleException.InvalidQueryException q && q.hasPosition()) {
                return q.position();
            }
        }
        return 0;
    }

    /** "DIFFERENTIAL is possible" or "FULL: …reason"; the headline of the validation panel. */
    public static String verdict(ValidationResult result) {
        if (result.differential()) {
            return "DIFFERENTIAL: refreshes apply only the changes";
        }
        String reason = result.fallbackReason();
        return "FULL: every refresh recomputes the query"
                + (reason == null || reason.isBlank() ? "" : ", because " + reason);
    }

    private String validationKey() {
        return normalisedMode() + "\u0000" + query.get();
    }

    // ---------------------------------------------------------------------------------------------
    // Save: create or alter
    // ---------------------------------------------------------------------------------------------

    private void save() {
        if (isNew.get()) {
            create();
        } else {
            alter();
        }
    }

    private StreamTableDraft draft() {
        return new StreamTableDraft(name.get().trim(), query.get().strip(), EditorInput.normalisedSchedule(schedule.get()),
                normalisedMode(), initialize.get());
    }

    private void create() {
        StreamTableDraft draft = draft();
        Confirmation question = new Confirmation("Create stream table", "Create stream table " + draft.name() + "?",
                "Its storage table is created under that name" + (draft.initialize()
                        ? " and filled from the query now." : " and stays empty until its first refresh.")
                        + " Change capture is installed on the tables it reads.", "Create", false,
                CliCommand.create(draft));
        if (!dialogs.confirm(question)) {
            return;
        }
        busy.set(true);
        tasks.execute(session.create(draft)
                .onSuccess(result -> {
                    busy.set(false);
                    created(result);
                })
                .onFailure(e -> {
                    busy.set(false);
                    errorPosition.set(positionOf(e));
                    dialogs.showError(draft.name() + " not created", ErrorMessages.describe(e));
                }));
    }

    private void created(CreateResult result) {
        notices.success("Created " + result.name(), createdText(result));
        isNew.set(false);
        name.set(result.name());
        title.set(result.name());
        catalog.reload();
        listener.created(this);
        load();
    }

    static String createdText(CreateResult result) {
        StringBuilder text = new StringBuilder(result.effectiveMode().name());
        if (result.fallbackReason() != null && !result.fallbackReason().isBlank()) {
            text.append(" (").append(result.fallbackReason()).append(')');
        }
        text.append(result.populated() ? " · " + result.rowsInserted() + " rows" : " · not populated yet");
        result.warnings().forEach(w -> text.append('\n').append(w));
        return text.toString();
    }

    private void alter() {
        StreamTableChange change = change();
        String table = name.get();
        Confirmation question = change.rebuildsContents()
                ? new Confirmation("Change the query", "Change the query of " + table + "?",
                "The new query is derived again and the table is repopulated in one transaction. Its rows are "
                        + "replaced; indexes, grants and views on it are kept if its columns stay compatible, "
                        + "otherwise nothing changes and the engine says which objects are in the way.",
                "Alter and repopulate", true, CliCommand.alter(table, change))
                : new Confirmation("Alter stream table", "Alter " + table + "?", describe(change), "Alter", false,
                CliCommand.alter(table, change));
        if (!dialogs.confirm(question)) {
            return;
        }
        busy.set(true);
        tasks.execute(session.alter(table, change)
                .onSuccess(info -> {
                    busy.set(false);
                    notices.success("Altered " + table, info.status() + " · " + info.effectiveMode() + " · schedule "
                            + info.schedule());
                    catalog.reload();
                    load();
                })
                .onFailure(e -> {
                    busy.set(false);
                    dialogs.showError(table + " not altered", ErrorMessages.describe(e));
                }));
    }

    private static String describe(StreamTableChange change) {
        StringBuilder text = new StringBuilder();
        if (change.schedule() != null) {
            text.append("The schedule becomes ").append(change.schedule()).append(". ");
        }
        if (change.mode() != null) {
            text.append("The refresh mode becomes ").append(change.mode()).append(". ");
        }
        if (change.status() != null) {
            text.append("SUSPENDED".equals(change.status()) ? "The table is suspended: nothing refreshes it until it is "
                    + "made ACTIVE again. " : "The table becomes ACTIVE and is refreshed on its schedule again. ");
        }
        return text.toString().trim();
    }

    /** What differs from the loaded values; nothing for a new table. */
    StreamTableChange change() {
        Baseline base = baseline.get();
        if (base == null || isNew.get()) {
            return new StreamTableChange(null, null, null, null);
        }
        String newSchedule = EditorInput.normalisedSchedule(schedule.get());
        return new StreamTableChange(
                query.get().strip().equals(base.query().strip()) ? null : query.get().strip(),
                newSchedule.equalsIgnoreCase(base.schedule()) ? null : newSchedule,
                normalisedMode().equals(base.mode()) ? null : normalisedMode(),
                status.get().equals(base.status()) ? null : status.get());
    }

    private String preview() {
        if (isNew.get()) {
            return problem == null || !problem.get().isEmpty() ? "" : CliCommand.create(draft());
        }
        StreamTableChange change = change();
        return change.isEmpty() ? "" : CliCommand.alter(name.get(), change);
    }

    private void revert() {
        Baseline base = baseline.get();
        if (base != null) {
            query.set(base.query());
            schedule.set(base.schedule());
            mode.set(base.mode());
            status.set(base.status());
        }
    }

    /** Asks before an editor with unsaved changes closes; true when it may close. */
    public boolean mayClose() {
        return !dirty.get() || dialogs.confirm(new Confirmation("Unsaved changes", "Discard the changes to "
                + title.get() + "?", "The editor closes and what was typed since the last save is lost. The "
                + "database is not changed.", "Discard", true));
    }

    private String normalisedMode() {
        return mode.get() == null ? "AUTO" : mode.get().trim().toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------
    // Properties
    // ---------------------------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty scheduleProperty() {
        return schedule;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty initializeProperty() {
        return initialize;
    }

    public ReadOnlyBooleanProperty isNewProperty() {
        return isNew.getReadOnlyProperty();
    }

    public boolean isNew() {
        return isNew.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validatingProperty() {
        return validating.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StreamTableDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The last validation (or, when opened, the table's current plan); null after a refusal. */
    public ReadOnlyObjectProperty<ValidationResult> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** Why the engine refused the query in the last validation; empty otherwise. */
    /** Where in the query the last validation or create failed (counted from 1), or 0: the editor marks it. */
    public javafx.beans.property.ReadOnlyIntegerProperty errorPositionProperty() {
        return errorPosition.getReadOnlyProperty();
    }

    /** The relations and columns the query editor completes. */
    public java.util.List<io.trickle.engine.api.RelationOutline> outlines() {
        return catalog.outlinesProperty().get();
    }

    public ReadOnlyStringProperty validationErrorProperty() {
        return validationError.getReadOnlyProperty();
    }

    /** True when the query or the mode changed since the last validation. */
    public ObservableBooleanValue validationOutdated() {
        return validationOutdated;
    }

    /** What is wrong with the input, as a sentence; empty when it can be saved. */
    public ObservableStringValue problem() {
        return problem;
    }

    public ObservableBooleanValue dirty() {
        return dirty;
    }

    /** The command line Save would run now; empty when there is nothing to save. */
    public ObservableStringValue commandPreview() {
        return commandPreview;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The stream table's name as the engine prints it; for a new table what has been typed. */
    public String tableName() {
        return name.get();
    }

    public Optional<String> streamTable() {
        return isNew.get() ? Optional.empty() : Optional.of(name.get());
    }

    public EngineSession session() {
        return session;
    }

    public WorkbenchCommand validateCommand() {
        return validate;
    }

    public WorkbenchCommand saveCommand() {
        return save;
    }

    public WorkbenchCommand dropCommand() {
        return drop;
    }

    public WorkbenchCommand revertCommand() {
        return revert;
    }
}
