package io.trickle.desktop.views.connections;

import static io.trickle.desktop.services.PasswordFiles.NO_PASSWORD_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.services.InMemoryPreferences;
import io.trickle.desktop.services.InMemorySecretStore;
import io.trickle.desktop.services.QueuedTaskExecutor;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import io.trickle.desktop.views.connections.BundledEngineViewModel.Phase;
import io.trickle.engine.api.SchedulerRole;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundledEngineViewModelTest {

    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final DirectTaskExecutor tasks = new DirectTaskExecutor();
    private final RecordingNotificationService notices = new RecordingNotificationService();
    private final InMemoryPreferences preferences = new InMemoryPreferences();
    private final FakeEngineService engine = new FakeEngineService("right").withCatalog(FakeEngineService.LATEST);
    private final SessionViewModel session = new SessionViewModel(engine,
            new Credentials(new InMemorySecretStore(), NO_PASSWORD_FILE, dialogs, tasks), tasks, dialogs, notices);

    private BundledEngineViewModel model(boolean enabled) {
        return new BundledEngineViewModel(session, tasks, notices, preferences, enabled);
    }

    @Test
    void isOffUntilConnected() {
        BundledEngineViewModel model = model(true);
        assertEquals("off", model.roleTextProperty().get());
        assertEquals(Phase.IDLE, model.phaseProperty().get());
        assertTrue(engine.schedulers().isEmpty());
    }

    @Test
    void runsAsLeaderOnceConnectedToACurrentCatalog() {
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        assertEquals(Phase.RUNNING, model.phaseProperty().get());
        assertEquals(1, engine.runningSchedulers());
        assertEquals("leader", model.roleTextProperty().get());
    }

    @Test
    void showsTheRoleAsItChanges() {
        engine.schedulersStartAs(SchedulerRole.FOLLOWER);
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        assertEquals("follower", model.roleTextProperty().get());
        engine.schedulers().get(0).become(SchedulerRole.LEADER);
        model.pollRole();
        assertEquals("leader", model.roleTextProperty().get());
        engine.schedulers().get(0).become(SchedulerRole.RECONNECTING);
        model.pollRole();
        assertEquals("reconnecting", model.roleTextProperty().get());
    }

    @Test
    void waitsForTheCatalogBeforeStarting() {
        FakeEngineService bare = new FakeEngineService("right").withoutCatalog();
        SessionViewModel without = new SessionViewModel(bare, new Credentials(new InMemorySecretStore(), NO_PASSWORD_FILE, dialogs, tasks),
                tasks, dialogs, notices);
        BundledEngineViewModel model = new BundledEngineViewModel(without, tasks, notices, preferences, true);
        dialogs.confirmWith(true);
        without.connect(ConnectionProfile.embeddedDemo());
        assertEquals(1, bare.installs(), "the catalog was installed when offered");
        assertEquals(1, bare.runningSchedulers(), "and then the engine started");
        assertEquals(Phase.RUNNING, model.phaseProperty().get());
    }

    @Test
    void switchingOffStopsTheSchedulerAndIsRemembered() {
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        assertTrue(model.toggleCommand().canExecute());
        assertEquals("Switch Bundled Engine Off", model.toggleTextProperty().get());

        model.toggleCommand().execute();

        assertEquals(0, engine.runningSchedulers());
        assertEquals(Phase.SWITCHED_OFF, model.phaseProperty().get());
        assertEquals("switched off", model.roleTextProperty().get());
        assertEquals(Optional.of("false"), preferences.get(BundledEngineViewModel.PREFERENCE));
        assertEquals("Switch Bundled Engine On", model.toggleTextProperty().get());

        model.toggleCommand().execute();
        assertEquals(1, engine.runningSchedulers());
        assertEquals(2, engine.schedulers().size());
        assertEquals(Optional.of("true"), preferences.get(BundledEngineViewModel.PREFERENCE));
    }

    @Test
    void aWorkbenchSwitchedOffStaysOffWhenConnecting() {
        BundledEngineViewModel model = model(false);
        session.connect(ConnectionProfile.embeddedDemo());
        assertTrue(engine.schedulers().isEmpty());
        assertEquals("switched off", model.roleTextProperty().get());
    }

    @Test
    void disconnectingStopsTheScheduler() {
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        session.disconnect();
        assertEquals(0, engine.runningSchedulers());
        assertEquals("off", model.roleTextProperty().get());
    }

    @Test
    void aRefusedStartIsShownAndTriedAgainAfterSwitchingOffAndOn() {
        engine.refuseScheduler("the database is a standby; the engine refuses to run against it");
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        assertEquals(Phase.FAILED, model.phaseProperty().get());
        assertTrue(model.roleTextProperty().get().contains("standby"), model.roleTextProperty().get());
        assertTrue(notices.titles().contains("Bundled engine not started"));

        engine.refuseScheduler(null);
        model.toggleCommand().execute();
        model.toggleCommand().execute();
        assertEquals(Phase.RUNNING, model.phaseProperty().get());
    }

    @Test
    void aSchedulerThatStopsByItselfIsReported() {
        BundledEngineViewModel model = model(true);
        session.connect(ConnectionProfile.embeddedDemo());
        engine.schedulers().get(0).become(SchedulerRole.STOPPED);
        model.pollRole();
        assertEquals(Phase.FAILED, model.phaseProperty().get());
        assertTrue(notices.titles().contains("Bundled engine stopped"));
    }

    @Test
    void cannotBeToggledWhileStarting() {
        QueuedTaskExecutor queued = new QueuedTaskExecutor();
        SessionViewModel slow = new SessionViewModel(engine, new Credentials(new InMemorySecretStore(), NO_PASSWORD_FILE, dialogs, queued),
                queued, dialogs, notices);
        BundledEngineViewModel model = new BundledEngineViewModel(slow, queued, notices, preferences, true);
        slow.connect(ConnectionProfile.embeddedDemo());
        while (!queued.nextTitle().equals("Start scheduler")) {
            queued.runNext();
        }
        assertEquals(Phase.STARTING, model.phaseProperty().get());
        assertFalse(model.toggleCommand().canExecute());
        queued.runAll();
        assertEquals(Phase.RUNNING, model.phaseProperty().get());
    }

    @Test
    void theStoredPreferenceDefaultsToOn() {
        assertTrue(BundledEngineViewModel.enabledIn(Optional.empty()));
        assertTrue(BundledEngineViewModel.enabledIn(Optional.of("true")));
        assertFalse(BundledEngineViewModel.enabledIn(Optional.of("false")));
    }
}
