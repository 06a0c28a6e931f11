package io.trickle.desktop.views.connections;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.BundledScheduler;
import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.services.WorkbenchPreferences;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.SchedulerRole;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The bundled engine (DESIGN §2): while the workbench is connected to a database with a current
 * catalog, it runs the engine's scheduler in-process, as leader when no other engine schedules that
 * database and as follower, ready to take over, when one does. The status bar shows which. The DBA
 * can switch it off and on; the choice is kept in the workspace. Starting and stopping are jobs in
 * the Jobs view; nothing here waits on the FX thread.
 *
 * <p>The scheduler does not report role changes, so {@link #pollRole()} asks it (a value it keeps in
 * memory) once a second while it runs.
 */
public final class BundledEngineViewModel {

    /** The workspace preference that remembers whether the DBA switched the engine off. */
    public static final String PREFERENCE = "engine.enabled";

    /** Where the bundled engine is in its life. */
    public enum Phase {
        /** Not connected, or the database has no current catalog: nothing to schedule. */
        IDLE,
        /** The DBA switched it off. */
        SWITCHED_OFF,
        STARTING,
        RUNNING,
        STOPPING,
        /** It could not start, or stopped by itself; switching it off and on tries again. */
        FAILED
    }

    static final String OFF = "off";
    static final String SWITCHED_OFF_TEXT = "switched off";

    private final SessionViewModel session;
    private final TaskExecutor tasks;
    private final NotificationService notices;
    private final WorkbenchPreferences preferences;

    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(this, "enabled");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyObjectWrapper<SchedulerRole> role = new ReadOnlyObjectWrapper<>(this, "role");
    private final ReadOnlyStringWrapper roleText = new ReadOnlyStringWrapper(this, "roleText", OFF);
    private final ReadOnlyStringWrapper toggleText = new ReadOnlyStringWrapper(this, "toggleText");
    private final WorkbenchCommand toggle;

    /** The running scheduler and the session it belongs to; null while none runs. */
    private BundledScheduler running;
    private EngineSession runningFor;
    /** The session a start is under way for, so a second start is not asked for it. */
    private EngineSession startingFor;
    private String problem = "";

    /**
     * @param enabled whether the engine runs, as the workspace remembered it (read before the window opened)
     */
    public BundledEngineViewModel(SessionViewModel session, TaskExecutor tasks, NotificationService notices,
                                  WorkbenchPreferences preferences, boolean enabled) {
        this.session = session;
        this.tasks = tasks;
        this.notices = notices;
        this.preferences = preferences;
        this.enabled.set(enabled);
        this.toggle = WorkbenchCommand.of(Bindings.createBooleanBinding(
                () -> phase.get() != Phase.STARTING && phase.get() != Phase.STOPPING, phase), this::toggle);
        session.sessionProperty().addListener((obs, old, now) -> {
            if (phase.get() == Phase.FAILED) {
                phase.set(Phase.IDLE);
            }
            follow();
        });
        session.catalogProperty().addListener((obs, old, now) -> follow());
        follow();
    }

    /** Whether the preference is stored as "on"; anything but "false" is, so the engine runs by default. */
    public static boolean enabledIn(java.util.Optional<String> stored) {
        return stored.map(v -> !"false".equalsIgnoreCase(v.trim())).orElse(true);
    }

    /** Switches the engine off when it is on, and on when it is off; remembered in the workspace. */
    public void toggle() {
        boolean now = !enabled.get();
        enabled.set(now);
        tasks.execute(BackgroundTask.<Void>of("Save engine preference", context -> {
            preferences.put(PREFERENCE, Boolean.toString(now));
            return null;
        }).silent());
        if (phase.get() == Phase.FAILED) {
            phase.set(Phase.IDLE);
        }
        follow();
        if (now) {
            notices.info("Bundled engine switched on", "This workbench schedules refreshes of the connected database "
                    + "unless another engine already does.");
        } else {
            notices.info("Bundled engine switched off", "This workbench refreshes only when you ask it to.");
        }
    }

    /** Reads the running scheduler's role; the composition root calls it once a second. */
    public void pollRole() {
        if (running == null || phase.get() != Phase.RUNNING) {
            return;
        }
        SchedulerRole now = running.role();
        if (now == SchedulerRole.STOPPED) {
            running = null;
            runningFor = null;
            problem = "the scheduler stopped by itself; see the log";
            phase.set(Phase.FAILED);
            notices.warning("Bundled engine stopped", "The scheduler of this workbench stopped by itself. Switch the "
                    + "engine off and on to start it again; details are in the log.");
        }
        role.set(now);
        updateTexts();
    }

    /** Starts or stops the scheduler so that it runs exactly when it should. */
    private void follow() {
        EngineSession current = session.sessionProperty().get();
        CatalogStatus catalog = session.catalogProperty().get();
        boolean wanted = enabled.get() && current != null && catalog != null
                && catalog.state() == CatalogStatus.State.CURRENT;
        if (running != null && (!wanted || runningFor != current)) {
            stop();
        }
        if (wanted && running == null && startingFor != current && phase.get() != Phase.STOPPING
                && phase.get() != Phase.FAILED) {
            start(current);
        }
        if (!wanted && phase.get() != Phase.STOPPING && phase.get() != Phase.STARTING) {
            phase.set(enabled.get() ? Phase.IDLE : Phase.SWITCHED_OFF);
            role.set(null);
        }
        updateTexts();
    }

    private void start(EngineSession current) {
        startingFor = current;
        phase.set(Phase.STARTING);
        role.set(SchedulerRole.STARTING);
        tasks.execute(current.startScheduler()
                .onSuccess(started -> {
                    startingFor = null;
                    running = started;
                    runningFor = current;
                    phase.set(Phase.RUNNING);
                    pollRole();
                    follow();
                })
                .onFailure(e -> {
                    startingFor = null;
                    problem = ErrorMessages.describe(e);
                    phase.set(Phase.FAILED);
                    role.set(null);
                    updateTexts();
                    notices.warning("Bundled engine not started", problem);
                })
                .onCancelled(() -> {
                    startingFor = null;
                    phase.set(Phase.IDLE);
                    role.set(null);
                    follow();
                }));
    }

    private void stop() {
        BundledScheduler stopping = running;
        running = null;
        runningFor = null;
        phase.set(Phase.STOPPING);
        tasks.execute(stopping.stop()
                .onSuccess(done -> stopped())
                .onFailure(e -> {
                    notices.warning("Bundled engine did not stop cleanly", ErrorMessages.describe(e));
                    stopped();
                })
                .onCancelled(this::stopped));
    }

    private void stopped() {
        phase.set(enabled.get() ? Phase.IDLE : Phase.SWITCHED_OFF);
        role.set(null);
        follow();
    }

    private void updateTexts() {
        toggleText.set(enabled.get() ? "Switch Bundled Engine Off" : "Switch Bundled Engine On");
        roleText.set(describe());
    }

    private String describe() {
        switch (phase.get()) {
            case SWITCHED_OFF:
                return SWITCHED_OFF_TEXT;
            case STARTING:
                return "starting…";
            case STOPPING:
                return "stopping…";
            case FAILED:
                return "not running (" + problem + ")";
            case RUNNING:
                SchedulerRole now = role.get();
                return now == null ? "starting…" : now.name().toLowerCase(Locale.ROOT);
            default:
                return OFF;
        }
    }

    /** Whether the DBA wants the engine to run (the remembered preference). */
    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The scheduler's role while it runs; null otherwise. */
    public ReadOnlyObjectProperty<SchedulerRole> roleProperty() {
        return role.getReadOnlyProperty();
    }

    /** What the status bar shows: leader, follower, reconnecting, starting…, switched off, off. */
    public ReadOnlyStringProperty roleTextProperty() {
        return roleText.getReadOnlyProperty();
    }

    /** The toggle command's menu text, which says what it will do. */
    public ReadOnlyStringProperty toggleTextProperty() {
        return toggleText.getReadOnlyProperty();
    }

    public WorkbenchCommand toggleCommand() {
        return toggle;
    }
}
