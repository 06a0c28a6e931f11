package io.trickle.desktop.app;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ClipboardService;
import io.trickle.desktop.services.PasswordFile;
import io.trickle.desktop.services.fx.FxClipboardService;
import io.trickle.desktop.views.catalog.CatalogEvents;
import io.trickle.desktop.views.catalog.CatalogItem;
import io.trickle.desktop.views.catalog.CreateCommandCopy;
import io.trickle.desktop.views.catalog.DemoReset;
import io.trickle.desktop.views.console.ConsoleView;
import io.trickle.desktop.views.console.ConsoleViewModel;
import io.trickle.desktop.views.data.DataView;
import io.trickle.desktop.views.data.DataViewModel;
import io.trickle.desktop.workbench.KeyboardShortcuts;
import java.util.List;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.EngineService;
import io.trickle.desktop.services.DemoDatabase;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.EncryptedSecretStore;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.TrickleEngineService;
import io.trickle.desktop.services.Workspace;
import io.trickle.desktop.services.fx.FxDialogService;
import io.trickle.desktop.services.fx.FxNotificationService;
import io.trickle.desktop.services.fx.FxTaskExecutor;
import io.trickle.desktop.theme.ThemeSwitcher;
import io.trickle.desktop.theme.WorkbenchTheme;
import io.trickle.desktop.views.connections.BundledEngineViewModel;
import io.trickle.desktop.views.connections.ConnectionsView;
import io.trickle.desktop.views.connections.ConnectionsViewModel;
import io.trickle.desktop.views.connections.Credentials;
import io.trickle.desktop.views.connections.SessionViewModel;
import io.trickle.desktop.views.watermarks.WatermarksView;
import io.trickle.desktop.views.watermarks.WatermarksViewModel;
import io.trickle.desktop.views.bench.BenchmarksView;
import io.trickle.desktop.views.bench.BenchmarksViewModel;
import io.trickle.desktop.views.catalog.CatalogModel;
import io.trickle.desktop.views.catalog.RefreshQueue;
import io.trickle.desktop.views.dag.DependenciesView;
import io.trickle.desktop.views.dag.DependenciesViewModel;
import io.trickle.desktop.views.editor.StreamTableEditors;
import io.trickle.desktop.views.history.RefreshHistoryView;
import io.trickle.desktop.views.history.RefreshHistoryViewModel;
import io.trickle.desktop.views.jobs.JobsView;
import io.trickle.desktop.views.jobs.JobsViewModel;
import io.trickle.desktop.views.navigator.NavigatorView;
import io.trickle.desktop.views.navigator.NavigatorViewModel;
import io.trickle.desktop.views.properties.PropertiesView;
import io.trickle.desktop.views.properties.PropertiesViewModel;
import io.trickle.desktop.workbench.CommandControls;
import io.trickle.desktop.workbench.CommandId;
import io.trickle.desktop.workbench.CommandRegistry;
import io.trickle.desktop.workbench.EditorArea;
import io.trickle.desktop.workbench.JobsModel;
import io.trickle.desktop.workbench.LayoutNode;
import io.trickle.desktop.workbench.PerspectiveLayouts;
import io.trickle.desktop.workbench.PerspectiveRegistry;
import io.trickle.desktop.workbench.PerspectiveSwitcher;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.StatusBar;
import io.trickle.desktop.workbench.UndoManager;
import io.trickle.desktop.workbench.ViewRegistry;
import io.trickle.desktop.workbench.Workbench;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.desktop.workbench.WorkbenchWindow;
import io.trickle.engine.api.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that creates the workbench's services, models and views and passes each what it
 * needs through its constructor; nothing else holds a service in a static field. Built in two steps
 * so that no file is read on the FX thread: {@link #load} reads the workspace (on the launcher thread),
 * {@link #show} builds and shows the window (on the FX thread).
 */
public final class CompositionRoot {

    static final String THEME_KEY = "theme";
    private static final Logger LOG = LoggerFactory.getLogger(CompositionRoot.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * How often the catalog is read on a timer while the engine's events cannot be heard; while they
     * can, the timer reads only after a long quiet spell (see {@link CatalogEvents}).
     */
    static final javafx.util.Duration CATALOG_POLL = javafx.util.Duration.seconds(5);
    /** How often the status bar asks the bundled engine for its role (an in-memory read). */
    private static final javafx.util.Duration ROLE_POLL = javafx.util.Duration.seconds(1);

    private final Path home;
    private final Workspace workspace;
    private final DemoDatabase demo;
    private final PerspectiveRegistry perspectives;
    private final Map<String, LayoutNode> storedLayouts;
    private final WorkbenchTheme storedTheme;
    private final boolean engineEnabled;

    private JobsModel jobs;
    private FxTaskExecutor tasks;
    private SessionViewModel session;
    private BundledEngineViewModel engine;
    private ThemeSwitcher theme;
    private CatalogModel catalog;
    private CatalogEvents events;
    private ConsoleViewModel console;
    private DemoReset demoReset;
    private RefreshQueue refreshes;
    private StreamTableEditors editors;
    private Workbench workbench;
    private ViewRegistry views;
    private BenchmarksViewModel benchmarks;
    private Timeline poll;
    private Timeline rolePoll;
    /** Started with --demo: connect to the embedded demo at once, install what it needs, run the engine. */
    private boolean demoMode;
    /** Started with --demo --reset: put the demo back as first installed once connected. */
    private boolean resetDemo;
    /** An engine the tests put in place of the real one; null in the workbench. */
    private EngineService engineOverride;
    private double windowWidth = 1280;
    private double windowHeight = 800;

    private CompositionRoot(Path home, Workspace workspace, DemoDatabase demo, PerspectiveRegistry perspectives,
                            Map<String, LayoutNode> storedLayouts, WorkbenchTheme storedTheme, boolean engineEnabled) {
        this.home = home;
        this.workspace = workspace;
        this.demo = demo;
        this.perspectives = perspectives;
        this.storedLayouts = storedLayouts;
        this.storedTheme = storedTheme;
        this.engineEnabled = engineEnabled;
    }

    /**
     * Opens the workspace under {@code home} and reads what the window needs before it opens. Blocks on
     * file I/O: call it off the FX thread.
     */
    public static CompositionRoot load(Path home, DemoDatabase demo) {
        Workspace workspace = new Workspace(home.resolve("workspace.db"));
        PerspectiveRegistry perspectives = Perspectives.create();
        Map<String, LayoutNode> layouts = PerspectiveLayouts.loadAll(perspectives, new WorkspaceLayoutStore(workspace));
        WorkbenchTheme theme = WorkbenchTheme.parse(workspace.get(THEME_KEY).orElse(null));
        boolean engineEnabled = BundledEngineViewModel.enabledIn(workspace.get(BundledEngineViewModel.PREFERENCE));
        return new CompositionRoot(home, workspace, demo, perspectives, layouts, theme, engineEnabled);
    }

    /** The workspace of the DBA's home ({@code ~/.trickle}), with the embedded server for the demo. */
    static CompositionRoot loadDefault(Path home) {
        return load(home, new EmbeddedDemo(home));
    }

    /** Builds the window on the FX thread and shows it. */
    public void show(Stage stage) {
        theme = new ThemeSwitcher(storedTheme);
        Pane overlay = new Pane();
        FxNotificationService notices = new FxNotificationService(overlay);
        FxDialogService dialogs = new FxDialogService(() -> stage, theme::stylesheets);
        jobs = new JobsModel();
        tasks = new FxTaskExecutor(jobs, message -> notices.error("Background job failed", message));
        EncryptedSecretStore secrets = new EncryptedSecretStore(home.resolve("secret.key"), workspace);
        EngineService engineService = engineOverride != null ? engineOverride : new TrickleEngineService(demo, new EngineDemoContent());
        SelectionService selection = new SelectionService();
        UndoManager undo = new UndoManager(100);

        Credentials credentials = new Credentials(secrets, PasswordFile.fromEnvironment(System.getenv()), dialogs, tasks);
        session = new SessionViewModel(engineService, credentials, tasks, dialogs, notices);
        engine = new BundledEngineViewModel(session, tasks, notices, workspace, engineEnabled || demoMode);
        ConnectionsViewModel connections = new ConnectionsViewModel(workspace, session, credentials, engineService,
                tasks, dialogs, notices, selection);
        JobsViewModel jobsModel = new JobsViewModel(jobs);

        catalog = new CatalogModel(session, tasks, notices);
        events = new CatalogEvents(catalog, tasks, java.time.Instant::now);
        demoReset = new DemoReset(catalog, tasks, dialogs, notices);
        refreshes = new RefreshQueue(catalog, tasks, notices, selection);
        editors = new StreamTableEditors(catalog, tasks, dialogs, notices, selection);
        NavigatorViewModel navigator = new NavigatorViewModel(catalog, selection);
        PropertiesViewModel properties = new PropertiesViewModel(catalog, selection, tasks);
        DependenciesViewModel dependencies = new DependenciesViewModel(catalog, selection);
        RefreshHistoryViewModel history = new RefreshHistoryViewModel(catalog);
        DataViewModel data = new DataViewModel(catalog, selection, tasks);
        console = new ConsoleViewModel(catalog, tasks, dialogs);

        CommandRegistry commands = new CommandRegistry();
        CommandControls controls = new CommandControls(commands);
        views = new ViewRegistry();
        views.register(new ConnectionsView(connections, controls, commands), "left");
        views.register(new NavigatorView(navigator, controls, commands), "left");
        views.register(new PropertiesView(properties), "right");
        DependenciesView dagView = new DependenciesView(dependencies, controls, commands);
        // How long the window takes to show a database's graph: logged when a graph of a new size is on screen.
        int[] lastLogged = {0};
        dagView.whenLaidOut(nodes -> {
            if (nodes != lastLogged[0]) {
                lastLogged[0] = nodes;
                LOG.info("the dependency graph is laid out ({} relations), {} ms after the JVM started", nodes,
                        System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
            }
        });
        views.register(dagView, "centre");
        views.register(new RefreshHistoryView(history, controls), "bottom");
        views.register(new DataView(data, controls), "bottom");
        views.register(new JobsView(jobsModel, controls), "bottom");
        views.register(new ConsoleView(console, controls, commands), "centre");
        WatermarksViewModel watermarks = new WatermarksViewModel(catalog, tasks, dialogs, notices, ZoneId.systemDefault());
        views.register(new WatermarksView(watermarks, controls), "centre");
        benchmarks = new BenchmarksViewModel(workspace, tasks, dialogs, notices);
        views.register(new BenchmarksView(benchmarks, controls), "centre");

        PerspectiveLayouts layouts = new PerspectiveLayouts(perspectives, new WorkspaceLayoutStore(workspace),
                work -> tasks.execute(housekeeping("Save layout", work)), storedLayouts);
        EditorArea editorArea = new EditorArea("fth-file-text", "No editor open",
                "Stream table editors open here: double-click a stream table in the navigator or the graph (or "
                        + "press F4) to edit its query, schedule and mode, or press Ctrl+Shift+N for a new one.");
        workbench = new Workbench(perspectives, layouts, views, editorArea, undo);
        editors.setHost(new EditorHost(editorArea, perspectives, editors, () -> workbench.showView(NavigatorView.ID)));
        session.sessionProperty().addListener((obs, old, now) -> {
            if (now != null) {
                workbench.showView(NavigatorView.ID);
            }
        });

        registerFeatureCommands(commands, connections, jobsModel);
        commands.register(CommandId.NEW_WATERMARK_GROUP, watermarks.newGroupCommand());
        commands.register(CommandId.EDIT_WATERMARK_GROUP, watermarks.editGroupCommand());
        commands.register(CommandId.DROP_WATERMARK_GROUP, watermarks.dropGroupCommand());
        commands.register(CommandId.ADVANCE_WATERMARK, watermarks.advanceCommand());
        commands.register(CommandId.RELOAD_WATERMARKS, watermarks.reloadCommand());
        commands.register(CommandId.OPEN_BENCHMARKS, benchmarks.openCommand());
        commands.register(CommandId.CLOSE_BENCHMARK, benchmarks.removeCommand());
        commands.register(CommandId.EXPORT_CHART, benchmarks.exportCommand());
        registerCatalogCommands(commands, history);
        registerDataCommands(commands, data, selection, new FxClipboardService(), notices);
        registerWorkbenchCommands(commands, stage, workbench, undo, dialogs);
        WorkbenchWindow window = new WorkbenchWindow(controls, workbench, new PerspectiveSwitcher(perspectives), views,
                statusBar(workbench), Map.of(CommandId.UNDO, undo.undoTextProperty(), CommandId.REDO,
                undo.redoTextProperty(), CommandId.TOGGLE_ENGINE, engine.toggleTextProperty()), overlay);
        Scene scene = new Scene(window.root(), windowWidth, windowHeight);
        theme.attach(scene);
        controls.installAccelerators(scene);
        theme.themeProperty().addListener((obs, old, now) ->
                tasks.execute(housekeeping("Save theme", () -> workspace.put(THEME_KEY, now.name()))));
        reportUncaughtErrors(dialogs);

        stage.setTitle("Trickle Workbench");
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        connections.load();
        benchmarks.load();
        poll = new Timeline(new KeyFrame(CATALOG_POLL, e -> events.poll()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        rolePoll = new Timeline(new KeyFrame(ROLE_POLL, e -> engine.pollRole()));
        rolePoll.setCycleCount(Timeline.INDEFINITE);
        rolePoll.play();
        stage.show();
        if (demoMode) {
            perspectives.activate(Perspectives.MONITORING);
            if (resetDemo) {
                demoReset.resetOnceReady();
            }
            session.connectAndInstall(ConnectionProfile.embeddedDemo());
        }
    }

    /** The data view, the SQL console and copying the create command. */
    private void registerDataCommands(CommandRegistry commands, DataViewModel data, SelectionService selection,
                                      ClipboardService clipboard, FxNotificationService notices) {
        var relationSelected = Bindings.createBooleanBinding(() -> session.sessionProperty().get() != null
                && selection.current().first(CatalogItem.Relation.class).isPresent(),
                selection.selectionProperty(), session.sessionProperty());
        commands.register(CommandId.VIEW_DATA, WorkbenchCommand.of(relationSelected, () -> {
            selection.current().first(CatalogItem.Relation.class).ifPresent(data::show);
            workbench.showView(DataView.ID);
        }));
        commands.register(CommandId.RELOAD_DATA, data.reloadCommand());
        commands.register(CommandId.CANCEL_DATA, data.cancelCommand());
        commands.register(CommandId.OPEN_CONSOLE, WorkbenchCommand.of(Bindings.isNotNull(session.sessionProperty()),
                () -> workbench.showView(ConsoleView.ID)));
        commands.register(CommandId.RUN_SQL, console.runCommand());
        commands.register(CommandId.CANCEL_SQL, console.cancelCommand());
        commands.register(CommandId.TOGGLE_CONSOLE_WRITES, console.toggleWritesCommand());
        commands.register(CommandId.COPY_CREATE_COMMAND,
                new CreateCommandCopy(catalog, selection, tasks, clipboard, notices).command());
        commands.register(CommandId.RESET_DEMO, demoReset.command());
    }

    /** The stream table commands: lifecycle, refresh and reload. */
    private void registerCatalogCommands(CommandRegistry commands, RefreshHistoryViewModel history) {
        commands.register(CommandId.NEW_STREAM_TABLE, editors.newCommand());
        commands.register(CommandId.EDIT_STREAM_TABLE, editors.editCommand());
        commands.register(CommandId.DROP_STREAM_TABLE, editors.dropCommand());
        commands.register(CommandId.VALIDATE_QUERY, editors.validateCommand());
        commands.register(CommandId.SAVE_STREAM_TABLE, editors.saveCommand());
        commands.register(CommandId.REFRESH_NOW, refreshes.refreshNowCommand());
        commands.register(CommandId.FULL_REFRESH, refreshes.fullRefreshCommand());
        commands.register(CommandId.RELOAD_CATALOG, WorkbenchCommand.of(
                Bindings.isNotNull(session.sessionProperty()), catalog::reload));
        commands.register(CommandId.CLEAR_HISTORY_FILTER, history.clearFilterCommand());
    }

    /** What the views' own view models do. */
    private void registerFeatureCommands(CommandRegistry commands, ConnectionsViewModel connections,
                                         JobsViewModel jobsModel) {
        commands.register(CommandId.NEW_CONNECTION, connections.newConnectionCommand());
        commands.register(CommandId.EDIT_CONNECTION, connections.editConnectionCommand());
        commands.register(CommandId.DELETE_CONNECTION, connections.deleteConnectionCommand());
        commands.register(CommandId.TEST_CONNECTION, connections.testConnectionCommand());
        commands.register(CommandId.CONNECT, connections.connectCommand());
        commands.register(CommandId.DISCONNECT, session.disconnectCommand());
        commands.register(CommandId.INSTALL_CATALOG, session.installCatalogCommand());
        commands.register(CommandId.TOGGLE_ENGINE, engine.toggleCommand());
        commands.register(CommandId.CANCEL_JOB, jobsModel.cancelSelectedCommand());
        commands.register(CommandId.CLEAR_FINISHED_JOBS, jobsModel.clearFinishedCommand());
    }

    /** What the window itself does: undo, perspectives, theme, exit, about. */
    private void registerWorkbenchCommands(CommandRegistry commands, Stage stage, Workbench workbench,
                                           UndoManager undo, DialogService dialogs) {
        ObservableBooleanValue always = Bindings.createBooleanBinding(() -> true);
        commands.register(CommandId.EXIT, WorkbenchCommand.of(always, stage::close));
        commands.register(CommandId.UNDO, WorkbenchCommand.of(undo.canUndoProperty(), undo::undo));
        commands.register(CommandId.REDO, WorkbenchCommand.of(undo.canRedoProperty(), undo::redo));
        commands.register(CommandId.NEXT_PERSPECTIVE, WorkbenchCommand.of(always,
                () -> perspectives.activate(perspectives.next().id())));
        commands.register(CommandId.RESET_PERSPECTIVE, WorkbenchCommand.of(always, workbench::resetPerspective));
        commands.register(CommandId.MAXIMISE_VIEW, WorkbenchCommand.of(always, workbench::toggleMaximisedActive));
        commands.register(CommandId.KEYBOARD_SHORTCUTS, WorkbenchCommand.of(always, () -> dialogs.showTable(
                "Keyboard Shortcuts", "Every command, its key and where to find it (Cmd instead of Ctrl on macOS)",
                List.of("Command", "Key", "Where"), KeyboardShortcuts.all().stream()
                        .map(k -> List.of(k.command(), k.keys(), k.where())).toList())));
        commands.register(CommandId.TOGGLE_THEME, WorkbenchCommand.of(always, theme::toggle));
        commands.register(CommandId.ABOUT, WorkbenchCommand.of(always, () -> dialogs.showInformation("About Trickle",
                "Trickle workbench " + Version.engine() + ": stream tables for PostgreSQL.\nWorkspace: " + home)));
    }

    private StatusBar statusBar(Workbench workbench) {
        StatusBar status = new StatusBar();
        status.addSegment("status-connection", "fth-database", "Connection", session.connectionTextProperty(),
                "The database this window works with");
        status.addSegment("status-engine", "fth-cpu", "Engine", engine.roleTextProperty(),
                "Whether this workbench's engine schedules refreshes: leader, follower or off");
        status.addSegment("status-last-refresh", "fth-clock", "Last refresh", catalog.lastRefreshProperty(),
                "The latest successful refresh of any stream table, by any engine, as of the last catalog read");
        status.addSegment("status-updates", "fth-radio", "Updates", Bindings.createStringBinding(() ->
                        session.sessionProperty().get() == null ? "—" : events.listeningProperty().get() ? "live"
                                : "every " + (int) CATALOG_POLL.toSeconds() + " s", events.listeningProperty(),
                        session.sessionProperty()),
                "How the views learn of changes: live from the engine's events, or by reading the catalog on a timer "
                        + "while the events cannot be heard");
        status.showJobs(jobs, () -> workbench.showView(JobsView.ID));
        return status;
    }

    /** A failure nobody caught on the FX thread is logged in full and shown as a sentence. */
    private static void reportUncaughtErrors(DialogService dialogs) {
        Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> {
            LOG.error("unexpected error on the FX thread", e);
            dialogs.showError("Unexpected error", ErrorMessages.describe(e));
        });
    }

    /** File work the DBA need not watch in the Jobs view. */
    private static BackgroundTask<Void> housekeeping(String title, Runnable work) {
        return BackgroundTask.<Void>of(title, context -> {
            work.run();
            return null;
        }).silent();
    }

    /**
     * Disconnects and stops background work, then the embedded server if this window started it. The
     * waiting happens on a thread of its own, so closing the window never blocks the FX thread.
     */
    public Thread close() {
        if (poll != null) {
            poll.stop();
            rolePoll.stop();
        }
        if (events != null) {
            events.stop();
        }
        if (console != null) {
            tasks.execute(console.close());
        }
        if (session != null) {
            session.disconnect();
        }
        Thread shutdown = new Thread(() -> {
            if (tasks != null) {
                tasks.shutdown(SHUTDOWN_GRACE);
            }
            if (demo instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("stopping the demo database: {}", e.getMessage());
                }
            }
        }, "trickle-shutdown");
        shutdown.start();
        return shutdown;
    }

    // For the FX tests, which drive the window and need to reach a few of its parts.

    /**
     * Opens the window on the embedded demo (the workbench's {@code --demo}): it connects at once,
     * installs the catalog without asking, the demo's data and stream tables arrive as they do for the
     * "Embedded demo" profile, and the bundled engine runs whatever the workspace remembers.
     */
    public CompositionRoot withDemo() {
        demoMode = true;
        return this;
    }

    /** {@code --demo --reset}: the demo is put back as first installed before the DBA looks at it. */
    public CompositionRoot withDemoReset() {
        demoMode = true;
        resetDemo = true;
        return this;
    }

    /** For tests: the window talks to this engine instead of the real one. */
    CompositionRoot withEngineService(EngineService engine) {
        engineOverride = engine;
        return this;
    }

    /** The window's first size; the screenshot tests use a larger one. */
    CompositionRoot withWindowSize(double width, double height) {
        windowWidth = width;
        windowHeight = height;
        return this;
    }

    PerspectiveRegistry perspectives() {
        return perspectives;
    }

    FxTaskExecutor tasks() {
        return tasks;
    }

    JobsModel jobs() {
        return jobs;
    }

    ThemeSwitcher theme() {
        return theme;
    }

    SessionViewModel session() {
        return session;
    }

    BundledEngineViewModel engine() {
        return engine;
    }

    CatalogModel catalog() {
        return catalog;
    }

    CatalogEvents events() {
        return events;
    }

    RefreshQueue refreshes() {
        return refreshes;
    }

    StreamTableEditors editors() {
        return editors;
    }

    Workbench workbench() {
        return workbench;
    }

    ViewRegistry views() {
        return views;
    }

    BenchmarksViewModel benchmarks() {
        return benchmarks;
    }
}
