package io.trickle.desktop.views.editor;

import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.StreamTableDrop;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.WorkbenchCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

/**
 * The open stream table editors and the commands that act on them or on the selection: New, Edit
 * (open the selected table), Drop (the selected table), and Validate and Save for the editor in front.
 * A table has at most one editor; dropping a table closes its editor, and disconnecting closes all.
 */
public final class StreamTableEditors implements StreamTableEditorViewModel.Listener {

    /** Where editors are shown: the composition root puts their views into the editor area. */
    public interface Host {
        /** Shows the editor, creating its view the first time. */
        void show(StreamTableEditorViewModel editor);

        /** Closes the editor's view without asking. */
        void close(StreamTableEditorViewModel editor);
    }

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;
    private final SelectionService selection;
    private final StreamTableDrop dropper;

    private final List<StreamTableEditorViewModel> open = new ArrayList<>();
    private final ObjectProperty<StreamTableEditorViewModel> active = new SimpleObjectProperty<>(this, "active");
    private Host host = new Host() {
        @Override
        public void show(StreamTableEditorViewModel editor) {
        }

        @Override
        public void close(StreamTableEditorViewModel editor) {
        }
    };

    private final WorkbenchCommand newTable;
    private final WorkbenchCommand editTable;
    private final WorkbenchCommand dropTable;
    private final WorkbenchCommand validate;
    private final WorkbenchCommand save;

    public StreamTableEditors(CatalogModel catalog, TaskExecutor tasks, DialogService dialogs,
                              NotificationService notices, SelectionService selection) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        this.selection = selection;
        this.dropper = new StreamTableDrop(catalog, tasks, dialogs, notices);
        ObservableBooleanValue connected = Bindings.isNotNull(catalog.sessionProperty());
        ObservableBooleanValue oneTable = Bindings.createBooleanBinding(() -> selectedTable().isPresent(),
                selection.selectionProperty(), catalog.sessionProperty());
        newTable = WorkbenchCommand.of(connected, this::openNew);
        editTable = WorkbenchCommand.of(oneTable, () -> selectedTable().ifPresent(this::open));
        dropTable = WorkbenchCommand.of(oneTable, () -> selectedTable().ifPresent(this::drop));
        validate = delegate(StreamTableEditorViewModel::validateCommand);
        save = delegate(StreamTableEditorViewModel::saveCommand);
        catalog.sessionProperty().addListener((obs, old, now) -> closeAll());
    }

    public void setHost(Host host) {
        this.host = host;
    }

    /** Opens an editor for a new stream table. */
    public void openNew() {
        EngineSession session = catalog.sessionProperty().get();
        if (session != null) {
            show(new StreamTableEditorViewModel(session, catalog, tasks, dialogs, notices, this, null));
        }
    }

    /** Opens the editor of an existing stream table, or brings its open editor to the front. */
    public void open(String name) {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null) {
            return;
        }
        Optional<StreamTableEditorViewModel> already = editorOf(name);
        show(already.orElseGet(() -> new StreamTableEditorViewModel(session, catalog, tasks, dialogs, notices, this,
                name)));
    }

    /** Asks, then drops the stream table and closes the editors of everything dropped. */
    public void drop(String name) {
        dropper.drop(name, dropped -> dropped.forEach(n -> editorOf(n).ifPresent(this::close)));
    }

    private void show(StreamTableEditorViewModel editor) {
        if (!open.contains(editor)) {
            open.add(editor);
        }
        host.show(editor);
    }

    private void close(StreamTableEditorViewModel editor) {
        host.close(editor);
        closed(editor);
    }

    /** The view of an editor closed; forget it. */
    public void closed(StreamTableEditorViewModel editor) {
        open.remove(editor);
        if (active.get() == editor) {
            active.set(null);
        }
    }

    private void closeAll() {
        new ArrayList<>(open).forEach(this::close);
    }

    private Optional<StreamTableEditorViewModel> editorOf(String name) {
        return open.stream().filter(e -> !e.isNew() && e.tableName().equals(name)).findFirst();
    }

    private Optional<String> selectedTable() {
        if (catalog.sessionProperty().get() == null) {
            return Optional.empty();
        }
        List<?> items = selection.current().items();
        if (items.size() != 1 || !(items.get(0) instanceof CatalogItem.Relation relation) || !relation.isStreamTable()) {
            return Optional.empty();
        }
        return Optional.of(relation.name());
    }

    @Override
    public void created(StreamTableEditorViewModel editor) {
        // A second editor may have been opened on the same name meanwhile; keep the one that created it.
        open.stream().filter(e -> e != editor && !e.isNew() && e.tableName().equals(editor.tableName()))
                .toList().forEach(this::close);
    }

    @Override
    public void dropRequested(StreamTableEditorViewModel editor) {
        editor.streamTable().ifPresent(this::drop);
    }

    /** A command that runs the editor in front's own command, and is enabled while that one is. */
    private WorkbenchCommand delegate(Function<StreamTableEditorViewModel, WorkbenchCommand> of) {
        ObservableValue<Boolean> enabled = active.flatMap(editor -> of.apply(editor).executable()).orElse(false);
        BooleanBinding executable = Bindings.createBooleanBinding(() -> Boolean.TRUE.equals(enabled.getValue()), enabled);
        return WorkbenchCommand.of(executable, () -> {
            StreamTableEditorViewModel editor = active.get();
            if (editor != null) {
                of.apply(editor).execute();
            }
        });
    }

    /** The editor in front, which Validate and Save act on; the composition root follows the editor area. */
    public ObjectProperty<StreamTableEditorViewModel> activeProperty() {
        return active;
    }

    public List<StreamTableEditorViewModel> openEditors() {
        return List.copyOf(open);
    }

    public WorkbenchCommand newCommand() {
        return newTable;
    }

    public WorkbenchCommand editCommand() {
        return editTable;
    }

    public WorkbenchCommand dropCommand() {
        return dropTable;
    }

    public WorkbenchCommand validateCommand() {
        return validate;
    }

    public WorkbenchCommand saveCommand() {
        return save;
    }
}
