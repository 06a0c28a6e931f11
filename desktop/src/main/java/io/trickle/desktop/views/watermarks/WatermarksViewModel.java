package io.trickle.desktop.views.watermarks;

import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.DialogService.Field;
import io.trickle.desktop.services.DialogService.FieldKind;
import io.trickle.desktop.services.DialogService.Form;
import io.trickle.desktop.services.DialogService.FormValues;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.EmptyStates;
import io.trickle.desktop.views.watermarks.WatermarkCards.Card;
import io.trickle.desktop.views.watermarks.WatermarkCards.SourceMark;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.WatermarkGroup;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The watermark groups of the connected database: per group each source's watermark on a shared time
 * axis, the tolerance band, whether it is aligned, the lagging source and by how much, and the stream
 * tables it gates with their last SKIP (or their refresh since); and the edits — create, change and
 * drop a group, advance a source's watermark by hand — each checked before it is sent and confirmed
 * where it cannot be taken back. The cards are drawn from the catalog read the other views share, so
 * they change with the navigator's verdict, on the same event; an edit made here reads it again.
 */
public final class WatermarksViewModel {

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;
    private final WatermarkInput input;

    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    private final ObservableList<Card> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final ReadOnlyObjectWrapper<EmptyStates.Message> empty = new ReadOnlyObjectWrapper<>(this, "empty");
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final WorkbenchCommand newGroup;
    private final WorkbenchCommand editGroup;
    private final WorkbenchCommand dropGroup;
    private final WorkbenchCommand advance;
    private final WorkbenchCommand reload;

    public WatermarksViewModel(CatalogModel catalog, TaskExecutor tasks, DialogService dialogs,
                               NotificationService notices, ZoneId zone) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        this.input = new WatermarkInput(zone);
        var available = Bindings.createBooleanBinding(() -> catalog.sessionProperty().get() != null
                && catalog.stateProperty().get() == CatalogModel.State.READY
                && catalog.snapshot().watermarksProblem().isEmpty(), catalog.sessionProperty(), catalog.stateProperty(),
                catalog.snapshotProperty());
        var groupChosen = Bindings.createBooleanBinding(() -> available.get() && group(selected.get()).isPresent(),
                available, selected, catalog.snapshotProperty());
        newGroup = WorkbenchCommand.of(available, this::newGroup);
        editGroup = WorkbenchCommand.of(groupChosen, this::editGroup);
        dropGroup = WorkbenchCommand.of(groupChosen, this::dropGroup);
        advance = WorkbenchCommand.of(groupChosen, this::advance);
        reload = WorkbenchCommand.of(Bindings.isNotNull(catalog.sessionProperty()), catalog::reload);
        catalog.snapshotProperty().addListener((obs, old, now) -> rebuild());
        catalog.stateProperty().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        boolean ready = catalog.stateProperty().get() == CatalogModel.State.READY;
        List<Card> now = ready ? WatermarkCards.of(catalog.snapshot()) : List.of();
        // Redrawn only when something shown changed, so a card the DBA is about to click stays put.
        if (!now.equals(cards)) {
            cards.setAll(now);
        }
        if (selected.get() != null && group(selected.get()).isEmpty()) {
            selected.set(null);
        }
        if (selected.get() == null && !cards.isEmpty()) {
            selected.set(cards.stream().filter(c -> !c.aligned()).findFirst().orElse(cards.get(0)).name());
        }
        empty.set(emptyMessage(ready));
    }

    private EmptyStates.Message emptyMessage(boolean ready) {
        if (catalog.sessionProperty().get() == null) {
            return new EmptyStates.Message("Not connected", "Connect to a database to see its watermark groups.");
        }
        if (!ready) {
            return EmptyStates.of(catalog.stateProperty().get(), catalog.problemProperty().get(), false);
        }
        if (!catalog.snapshot().watermarksProblem().isEmpty()) {
            return new EmptyStates.Message("Watermarks not read", catalog.snapshot().watermarksProblem());
        }
        if (catalog.snapshot().watermarkGroups().isEmpty()) {
            return new EmptyStates.Message("No watermark groups", "A group makes the stream tables over sources loaded by "
                    + "separate ETL jobs wait until all are loaded to the same point. Database ▸ New Watermark Group… "
                    + "creates one.");
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // Edits
    // ---------------------------------------------------------------------------------------------

    private void newGroup() {
        List<String> taken = catalog.snapshot().watermarkGroups().stream().map(WatermarkGroup::name).toList();
        dialogs.showForm(new Form("New watermark group", "Sources loaded by separate jobs that must reach the same point",
                List.of(new Field("name", "Name", FieldKind.TEXT, "", "etl_feeds"),
                        new Field("sources", "Sources", FieldKind.TEXT, "", "etl.orders, etl.order_lines"),
                        new Field("tolerance", "Tolerance", FieldKind.TEXT, "0", "0, 90s, 15m, 1h")),
                "Create", values -> first(values, v -> input.groupNameProblem(v.text("name"), taken),
                v -> input.sourcesProblem(v.text("sources")), v -> input.toleranceProblem(v.text("tolerance")))))
                .ifPresent(v -> perform(new WatermarkEdit.CreateGroup(v.text("name"),
                        WatermarkInput.sources(v.text("sources")), Durations.parse(v.text("tolerance")).orElseThrow())));
    }

    private void editGroup() {
        WatermarkGroup old = group(selected.get()).orElseThrow();
        dialogs.showForm(new Form("Change watermark group", "Sources and tolerance of " + old.name(),
                List.of(new Field("sources", "Sources", FieldKind.TEXT, String.join(", ", old.sources()), ""),
                        new Field("tolerance", "Tolerance", FieldKind.TEXT, Durations.input(old.tolerance()), "0, 90s, 15m")),
                "Change", values -> first(values, v -> input.sourcesProblem(v.text("sources")),
                v -> input.toleranceProblem(v.text("tolerance")))))
                .ifPresent(v -> perform(new WatermarkEdit.ChangeGroup(old, WatermarkInput.sources(v.text("sources")),
                        Durations.parse(v.text("tolerance")).orElseThrow())));
    }

    private void dropGroup() {
        perform(new WatermarkEdit.DropGroup(selected.get()));
    }

    private void advance() {
        Card card = cards.stream().filter(c -> c.name().equals(selected.get())).findFirst().orElseThrow();
        SourceMark suggested = card.sources().stream().filter(SourceMark::lagging).findFirst()
                .orElse(card.sources().get(0));
        Instant newest = card.axisEnd() == null ? null : card.sources().stream().map(SourceMark::watermark)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        String sources = String.join(", ", card.sources().stream().map(SourceMark::source).toList());
        dialogs.showForm(new Form("Advance watermark", "Declare a source loaded up to a point in time (" + sources + ")",
                List.of(new Field("source", "Source", FieldKind.TEXT, suggested.source(), ""),
                        new Field("watermark", "Loaded up to", FieldKind.TEXT, newest == null ? "" : input.format(newest),
                                "2026-03-01 12:00 or 2026-03-01T12:00:00Z")),
                "Advance…", values -> first(values, v -> v.text("source").isEmpty()
                        ? Optional.of("Name the source whose watermark moves.") : Optional.empty(),
                v -> input.timestampProblem(v.text("watermark")),
                v -> WatermarkInput.monotonicProblem(v.text("source"), current(v.text("source")),
                        input.timestamp(v.text("watermark")).orElseThrow()))))
                .ifPresent(v -> perform(new WatermarkEdit.Advance(v.text("source"), current(v.text("source")),
                        input.timestamp(v.text("watermark")).orElseThrow())));
    }

    /** Asks where the edit asks, sends it as a job, and reads again; a refusal is shown with its reason. */
    void perform(WatermarkEdit edit) {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null) {
            return;
        }
        if (edit.asks() && !dialogs.confirm(confirmation(edit))) {
            return;
        }
        tasks.execute(edit.task(session)
                .onSuccess(done -> {
                    notices.success("Watermarks changed", edit.description());
                    catalog.reloadQuietly();
                })
                .onFailure(e -> {
                    String why = ErrorMessages.describe(e);
                    if (edit instanceof WatermarkEdit.Advance a && a.current() != null && a.to().isBefore(a.current())) {
                        why = why + "\n\n" + WatermarkInput.monotonicRule(a.source(), a.current(), a.to());
                    }
                    dialogs.showError("Not changed: " + edit.description(), why);
                    catalog.reloadQuietly();
                }));
    }

    private static Confirmation confirmation(WatermarkEdit edit) {
        if (edit instanceof WatermarkEdit.Advance a) {
            return new Confirmation("Advance watermark", a.description() + "?", "This tells the engine that " + a.source()
                    + " is loaded up to " + a.to() + ". Watermarks only move forward: once advanced, it cannot be set "
                    + "back. Stream tables that this source's groups hold back may refresh at once.\n\n" + a.sql(),
                    "Advance", true, a.cli());
        }
        if (edit instanceof WatermarkEdit.DropGroup d) {
            return new Confirmation("Drop watermark group", d.description() + "?", "The stream tables it gates refresh "
                    + "again without waiting for its sources to align. The sources' watermarks stay.\n\n" + d.sql(),
                    "Drop", true, d.cli());
        }
        return new Confirmation("Change watermark group", edit.description() + "?", "The engine has no change of a group "
                + "in place: it is dropped and created again in one job (if the new definition is refused, the old one "
                + "is created again). Until then the group gates nothing.\n\n" + edit.sql(), "Change", true, edit.cli());
    }

    @SafeVarargs
    private static Optional<String> first(FormValues values, Function<FormValues, Optional<String>>... checks) {
        for (Function<FormValues, Optional<String>> check : checks) {
            Optional<String> problem = check.apply(values);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Instant current(String source) {
        return catalog.snapshot().watermarkOf(source).orElse(null);
    }

    private Optional<WatermarkGroup> group(String name) {
        return name == null ? Optional.empty() : catalog.snapshot().watermarkGroup(name);
    }

    // ---------------------------------------------------------------------------------------------
    // What the view binds to
    // ---------------------------------------------------------------------------------------------

    ObservableList<Card> cards() {
        return readOnlyCards;
    }

    /** The group the edit commands act on. */
    public StringProperty selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<EmptyStates.Message> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    String timeText(Instant at) {
        return at == null ? "no watermark" : input.format(at);
    }

    /** A time of the card's axis: the time of day only when it falls on the same day as {@code reference}. */
    String shortTime(Instant at, Instant reference) {
        return at == null ? "no watermark" : input.formatShort(at, reference);
    }

    /** What the group did to a stream table lately: held it back (and why), or let it refresh since. */
    String gatedText(WatermarkCards.Gated gated) {
        Instant today = catalog.snapshot().readAt();
        if (gated.lastSkip() == null) {
            return (gated.lastRefresh() == null ? "never refreshed" : "refreshed " + input.formatShort(gated.lastRefresh(),
                    today)) + "; no skipped refresh in the recent history";
        }
        String skip = "skipped " + input.formatShort(gated.lastSkip().startTime(), today);
        if (gated.refreshedSince() != null) {
            return "refreshed " + input.formatShort(gated.refreshedSince(), today)
                    + " (last " + skip + " while the group was misaligned)";
        }
        String why = gated.lastSkip().reason() != null ? gated.lastSkip().reason() : gated.lastSkip().errorMessage();
        return skip + (why == null ? "" : ": " + why);
    }

    public WorkbenchCommand newGroupCommand() {
        return newGroup;
    }

    public WorkbenchCommand editGroupCommand() {
        return editGroup;
    }

    public WorkbenchCommand dropGroupCommand() {
        return dropGroup;
    }

    public WorkbenchCommand advanceCommand() {
        return advance;
    }

    public WorkbenchCommand reloadCommand() {
        return reload;
    }
}
