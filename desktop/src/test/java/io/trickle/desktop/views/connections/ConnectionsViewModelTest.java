package io.trickle.desktop.views.connections;

import static io.trickle.desktop.services.PasswordFiles.NO_PASSWORD_FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DirectTaskExecutor;
import io.trickle.desktop.services.FakeEngineService;
import io.trickle.desktop.services.InMemoryConnectionProfiles;
import io.trickle.desktop.services.InMemorySecretStore;
import io.trickle.desktop.services.RecordingNotificationService;
import io.trickle.desktop.services.ScriptedDialogService;
import io.trickle.desktop.views.connections.ConnectionsViewModel.TestResult.Outcome;
import io.trickle.desktop.workbench.SelectionService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionsViewModelTest {

    private static final ConnectionProfile PROD = new ConnectionProfile("prod", "jdbc:postgresql://db/app", "dba");

    private final InMemoryConnectionProfiles store = new InMemoryConnectionProfiles();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final DirectTaskExecutor tasks = new DirectTaskExecutor();
    private final FakeEngineService engine = new FakeEngineService("right");
    private final SelectionService selection = new SelectionService();
    private final RecordingNotificationService notices = new RecordingNotificationService();
    private ConnectionsViewModel model;

    @BeforeEach
    void create() {
        store.save(PROD);
        Credentials credentials = new Credentials(secrets, NO_PASSWORD_FILE, dialogs, tasks);
        SessionViewModel session = new SessionViewModel(engine, credentials, tasks, dialogs,
                new RecordingNotificationService());
        model = new ConnectionsViewModel(store, session, credentials, engine, tasks, dialogs, notices, selection);
        model.load();
    }

    @Test
    void listsTheEmbeddedDemoFirstAndSelectsIt() {
        assertEquals(2, model.profiles().size());
        assertTrue(model.profiles().get(0).isEmbeddedDemo());
        assertTrue(model.selectedProperty().get().isEmbeddedDemo());
        assertFalse(model.editConnectionCommand().canExecute(), "the built-in profile cannot be edited");
        assertFalse(model.deleteConnectionCommand().canExecute(), "the built-in profile cannot be deleted");
        assertTrue(model.connectCommand().canExecute());
    }

    @Test
    void publishesTheSelectedProfile() {
        model.selectedProperty().set(PROD);
        assertEquals(ConnectionsViewModel.PART_ID, selection.current().sourceId());
        assertEquals(PROD, selection.current().first(ConnectionProfile.class).orElseThrow());
    }

    @Test
    void addsAProfileFromTheForm() {
        dialogs.fillForm(Map.of("name", "staging", "url", "jdbc:postgresql://staging/app", "user", "me"));
        model.newConnectionCommand().execute();
        assertEquals(new ConnectionProfile("staging", "jdbc:postgresql://staging/app", "me"),
                store.byName("staging").orElseThrow());
        assertEquals("staging", model.selectedProperty().get().name());
    }

    @Test
    void theFormRefusesTakenNamesBadUrlsAndPasswords() {
        dialogs.fillForm(Map.of("name", "prod", "url", "jdbc:postgresql://x/y"));
        AssertionError taken = assertThrows(AssertionError.class, () -> model.newConnectionCommand().execute());
        assertTrue(taken.getMessage().contains("exists already"), taken.getMessage());

        dialogs.fillForm(Map.of("name", "x", "url", "jdbc:mysql://x/y"));
        AssertionError url = assertThrows(AssertionError.class, () -> model.newConnectionCommand().execute());
        assertTrue(url.getMessage().contains("not a PostgreSQL JDBC URL"), url.getMessage());

        dialogs.fillForm(Map.of("name", "x", "url", "jdbc:postgresql://x/y?password=oops"));
        AssertionError password = assertThrows(AssertionError.class, () -> model.newConnectionCommand().execute());
        assertTrue(password.getMessage().contains("never store passwords"), password.getMessage());

        dialogs.fillForm(Map.of("name", "Embedded demo", "url", "jdbc:postgresql://x/y"));
        AssertionError builtIn = assertThrows(AssertionError.class, () -> model.newConnectionCommand().execute());
        assertTrue(builtIn.getMessage().contains("built-in"), builtIn.getMessage());
    }

    @Test
    void renamingMovesTheProfileAndForgetsTheOldPassword() {
        secrets.put("prod", "right".toCharArray());
        model.selectedProperty().set(PROD);
        dialogs.fillForm(Map.of("name", "production"));
        model.editConnectionCommand().execute();
        assertTrue(store.byName("prod").isEmpty());
        assertEquals("jdbc:postgresql://db/app", store.byName("production").orElseThrow().jdbcUrl());
        assertTrue(secrets.contents().isEmpty());
    }

    @Test
    void deletesOnlyAfterConfirmation() {
        model.selectedProperty().set(PROD);
        dialogs.confirmWith(false);
        model.deleteConnectionCommand().execute();
        assertTrue(store.byName("prod").isPresent());

        dialogs.confirmWith(true);
        model.deleteConnectionCommand().execute();
        assertTrue(store.byName("prod").isEmpty());
        assertTrue(dialogs.asked().get(1).destructive());
        assertEquals(1, model.profiles().size());
    }

    @Test
    void testConnectionAsksForThePasswordAndShowsWhatItFound() {
        model.selectedProperty().set(PROD);
        dialogs.fillForm(Map.of("password", "right", "remember", "true"));
        model.testConnectionCommand().execute();
        assertEquals(Outcome.SUCCEEDED, model.testResultProperty().get().outcome());
        assertEquals("Connected to " + FakeEngineService.DATABASE + ": no Trickle catalog (this workbench installs "
                + FakeEngineService.LATEST + ").", model.testResultProperty().get().text());
        assertEquals("right", secrets.contents().get("prod"), "remembered because it worked and was asked to");
    }

    @Test
    void aFailedTestShowsTheEnginesMessageInANoticeThatStaysAndRemembersNothing() {
        model.selectedProperty().set(PROD);
        dialogs.fillForm(Map.of("password", "wrong", "remember", "true"));
        model.testConnectionCommand().execute();
        assertEquals(Outcome.FAILED, model.testResultProperty().get().outcome());
        assertEquals("Password authentication failed for user \"dba\"", model.testResultProperty().get().text());
        assertEquals(List.of("ERROR Cannot connect to prod: Password authentication failed for user \"dba\""),
                notices.texts(), "an error notice, which stays until closed");
        assertTrue(secrets.contents().isEmpty());
    }

    @Test
    void hostPortDatabaseAndSslModeAreThePartsOfTheUrlBothWays() {
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        typed.put("name", "reporting");
        typed.put("host", "db.example.com");
        typed.put("port", "6432");
        typed.put("database", "Sales Data");
        typed.put("sslmode", "verify-full");
        typed.put("user", "analyst");
        dialogs.fillForm(typed);
        model.newConnectionCommand().execute();
        assertEquals("jdbc:postgresql://db.example.com:6432/Sales%20Data?sslmode=verify-full",
                store.byName("reporting").orElseThrow().jdbcUrl());

        DialogService.FormValues url = new DialogService.FormValues(Map.of("url",
                "jdbc:postgresql://other:5433/app?sslmode=require&connectTimeout=5", "host", "", "port", "", "database", "",
                "sslmode", ""));
        assertEquals(Map.of("host", "other", "port", "5433", "database", "app", "sslmode", "require"),
                ConnectionsViewModel.sync("url", url));
        DialogService.FormValues parts = new DialogService.FormValues(Map.of("url",
                "jdbc:postgresql://other:5433/app?sslmode=require&connectTimeout=5", "host", "other", "port", "5433",
                "database", "reports", "sslmode", "disable"));
        assertEquals(Map.of("url", "jdbc:postgresql://other:5433/reports?sslmode=disable&connectTimeout=5"),
                ConnectionsViewModel.sync("database", parts), "other parameters stay");
    }

    @Test
    void aPasswordInThePasswordFileIsUsedWithoutAsking(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pgpass = dir.resolve(".pgpass");
        java.nio.file.Files.writeString(pgpass, "# comment\nother:*:*:*:nope\ndb:5432:app:dba:right\n");
        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Credentials fromFile = new Credentials(secrets, new io.trickle.desktop.services.PasswordFile(pgpass), dialogs, tasks);
        SessionViewModel session = new SessionViewModel(engine, fromFile, tasks, dialogs, notices);
        ConnectionsViewModel withFile = new ConnectionsViewModel(store, session, fromFile, engine, tasks, dialogs, notices,
                selection);
        withFile.load();
        withFile.selectedProperty().set(PROD);
        withFile.testConnectionCommand().execute();
        assertEquals(Outcome.SUCCEEDED, withFile.testResultProperty().get().outcome());
        assertTrue(dialogs.shownForms().isEmpty(), "no password dialog");
        assertEquals("right", new String(engine.requests().get(0).password()));

        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        dialogs.cancelForm();
        withFile.testConnectionCommand().execute();
        assertEquals(1, dialogs.shownForms().size(), "a file others may read is ignored, as libpq does");
    }

    @Test
    void aCancelledPasswordDialogTestsNothing() {
        model.selectedProperty().set(PROD);
        dialogs.cancelForm();
        model.testConnectionCommand().execute();
        assertEquals(Outcome.NONE, model.testResultProperty().get().outcome());
        assertTrue(engine.requests().isEmpty());
    }

    @Test
    void theEmbeddedDemoNeedsNoPassword() {
        model.testConnectionCommand().execute();
        assertEquals(Outcome.SUCCEEDED, model.testResultProperty().get().outcome());
        assertTrue(dialogs.shownForms().isEmpty());
    }
}
