package io.trickle.desktop.views.connections;

import static io.trickle.desktop.services.PasswordFiles.NO_PASSWORD_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.services.InMemorySecretStore;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import io.trickle.desktop.views.connections.SessionViewModel.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionViewModelTest {

    private static final ConnectionProfile PROD = new ConnectionProfile("prod", "jdbc:postgresql://db/app", "dba");

    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final DirectTaskExecutor tasks = new DirectTaskExecutor();
    private final RecordingNotificationService notices = new RecordingNotificationService();

    private SessionViewModel model(FakeEngineService engine) {
        return new SessionViewModel(engine, new Credentials(secrets, NO_PASSWORD_FILE, dialogs, tasks), tasks, dialogs, notices);
    }

    @Test
    void startsDisconnected() {
        SessionViewModel model = model(new FakeEngineService("right"));
        assertEquals(State.DISCONNECTED, model.stateProperty().get());
        assertEquals("not connected", model.connectionTextProperty().get());
        assertFalse(model.disconnectCommand().canExecute());
        assertFalse(model.installCatalogCommand().canExecute());
    }

    @Test
    void connectingToADatabaseWithoutCatalogOffersToInstallIt() {
        FakeEngineService engine = new FakeEngineService("right");
        SessionViewModel model = model(engine);
        dialogs.fillForm(Map.of("password", "right")).confirmWith(true);
        model.connect(PROD);

        assertEquals(State.CONNECTED, model.stateProperty().get());
        assertEquals("prod · " + FakeEngineService.DATABASE, model.connectionTextProperty().get());
        assertEquals("Install", dialogs.asked().get(0).confirmLabel());
        assertEquals(1, engine.installs());
        assertEquals(CatalogStatus.State.CURRENT, model.catalogProperty().get().state());
        assertTrue(notices.titles().contains("Catalog 0.6.0 installed"), notices.titles().toString());
        assertTrue(secrets.contents().isEmpty(), "not remembered unless asked");
    }

    @Test
    void decliningTheInstallKeepsTheSessionAndTheOffer() {
        FakeEngineService engine = new FakeEngineService("right");
        SessionViewModel model = model(engine);
        dialogs.fillForm(Map.of("password", "right")).confirmWith(false);
        model.connect(PROD);
        assertEquals(State.CONNECTED, model.stateProperty().get());
        assertEquals(0, engine.installs());
        assertTrue(model.installCatalogCommand().canExecute(), "the DBA can install later from the menu");
    }

    @Test
    void anOldCatalogIsOfferedAnUpgrade() {
        FakeEngineService engine = new FakeEngineService("right").withCatalog("0.5.2");
        SessionViewModel model = model(engine);
        dialogs.fillForm(Map.of("password", "right")).confirmWith(true);
        model.connect(PROD);
        assertEquals("Upgrade", dialogs.asked().get(0).confirmLabel());
        assertTrue(dialogs.asked().get(0).header().contains("from 0.5.2 to 0.6.0"), dialogs.asked().get(0).header());
        assertEquals("0.6.0", engine.installed().orElseThrow());
    }

    @Test
    void aCurrentCatalogIsNotAskedAbout() {
        SessionViewModel model = model(new FakeEngineService("right").withCatalog("0.6.0"));
        dialogs.fillForm(Map.of("password", "right"));
        model.connect(PROD);
        assertTrue(dialogs.asked().isEmpty());
        assertTrue(notices.titles().contains("Connected"));
    }

    @Test
    void aWrongPasswordShowsTheEnginesMessageAndStaysDisconnected() {
        SessionViewModel model = model(new FakeEngineService("right"));
        dialogs.fillForm(Map.of("password", "wrong"));
        model.connect(PROD);
        assertEquals(State.DISCONNECTED, model.stateProperty().get());
        assertEquals("not connected", model.connectionTextProperty().get());
        assertEquals("Cannot connect to prod: Password authentication failed for user \"dba\"", dialogs.errors().get(0));
    }

    @Test
    void aRememberedPasswordIsUsedWithoutAsking() {
        FakeEngineService engine = new FakeEngineService("right").withCatalog("0.6.0");
        SessionViewModel model = model(engine);
        dialogs.fillForm(Map.of("password", "right", "remember", "true"));
        model.connect(PROD);
        assertEquals("right", secrets.contents().get("prod"));
        model.disconnect();

        model.connect(PROD);
        assertEquals(1, dialogs.shownForms().size(), "asked once, then remembered");
        assertEquals(State.CONNECTED, model.stateProperty().get());
    }

    @Test
    void connectingElsewhereClosesTheFirstSession() {
        FakeEngineService engine = new FakeEngineService("right").withCatalog("0.6.0");
        SessionViewModel model = model(engine);
        dialogs.fillForm(Map.of("password", "right"));
        model.connect(PROD);
        model.connect(ConnectionProfile.embeddedDemo());
        assertEquals(1, engine.openSessions());
        assertEquals(ConnectionProfile.embeddedDemo(), model.sessionProperty().get().profile());

        model.disconnectCommand().execute();
        assertEquals(0, engine.openSessions());
        assertNull(model.sessionProperty().get());
        assertEquals(State.DISCONNECTED, model.stateProperty().get());
    }

    @Test
    void connectingForTheDemoInstallsTheCatalogWithoutAsking() {
        FakeEngineService engine = new FakeEngineService("right").withoutCatalog();
        SessionViewModel model = model(engine);
        model.connectAndInstall(ConnectionProfile.embeddedDemo());
        assertEquals(1, engine.installs());
        assertTrue(dialogs.asked().isEmpty(), "no question was asked");
        assertEquals(CatalogStatus.State.CURRENT, model.catalogProperty().get().state());
    }
}
