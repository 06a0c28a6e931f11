package io.trickle.desktop.views.connections;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.ConnectionProfiles;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.DialogService.Field;
import io.trickle.desktop.services.DialogService.FieldKind;
import io.trickle.desktop.services.DialogService.Form;
import io.trickle.desktop.services.DialogService.FormValues;
import io.trickle.desktop.services.EngineService;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.PostgresUrl;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.SelectionService;
import io.trickle.desktop.workbench.WorkbenchCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The list of connection profiles: the built-in embedded demo first, then the saved ones. It adds,
 * edits, deletes and tests profiles, and hands "connect" to the {@link SessionViewModel}.
 */
public final class ConnectionsViewModel {

    /** The id under which this view publishes its selection. */
    public static final String PART_ID = "connections";

    static final String NAME = "name";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String SSL = "sslmode";
    static final String URL = "url";
    static final String USER = "user";

    /** How the last "Test connection" went, for the result line under the list. */
    public record TestResult(Outcome outcome, String text) {
        public enum Outcome { NONE, RUNNING, SUCCEEDED, FAILED }

        static final TestResult NONE = new TestResult(Outcome.NONE, "");
    }

    private final ConnectionProfiles store;
    private final SessionViewModel session;
    private final Credentials credentials;
    private final EngineService engine;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<TestResult> testResult = new ReadOnlyObjectWrapper<>(this, "testResult",
            TestResult.NONE);

    private final WorkbenchCommand newConnection;
    private final WorkbenchCommand editConnection;
    private final WorkbenchCommand deleteConnection;
    private final WorkbenchCommand testConnection;
    private final WorkbenchCommand connect;

    public ConnectionsViewModel(ConnectionProfiles store, SessionViewModel session, Credentials credentials,
                                EngineService engine, TaskExecutor tasks, DialogService dialogs,
                                NotificationService notices, SelectionService selection) {
        this.store = store;
        this.session = session;
        this.credentials = credentials;
        this.engine = engine;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        profiles.add(ConnectionProfile.embeddedDemo());

        BooleanBinding anySelected = selected.isNotNull();
        BooleanBinding savedSelected = Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().isEmbeddedDemo(), selected);
        BooleanBinding idle = Bindings.notEqual(session.stateProperty(), SessionViewModel.State.CONNECTING);
        BooleanBinding testing = Bindings.createBooleanBinding(
                () -> testResult.get().outcome() == TestResult.Outcome.RUNNING, testResult);
        newConnection = WorkbenchCommand.of(Bindings.createBooleanBinding(() -> true), this::add);
        editConnection = WorkbenchCommand.of(savedSelected, this::editSelected);
        deleteConnection = WorkbenchCommand.of(savedSelected, this::deleteSelected);
        testConnection = WorkbenchCommand.of(anySelected.and(testing.not()), this::testSelected);
        connect = WorkbenchCommand.of(anySelected.and(idle), this::connectSelected);
        selected.addListener((obs, old, now) -> {
            testResult.set(TestResult.NONE);
            selection.publish(PART_ID, now == null ? List.of() : List.of(now));
        });
        selected.set(profiles.get(0));
    }

    /** Reads the saved profiles; the demo profile is there from the start. */
    public void load() {
        tasks.execute(BackgroundTask.of("Read connection profiles", context -> store.all())
                .silent()
                .onSuccess(this::show)
                .onFailure(e -> dialogs.showError("Cannot read connection profiles", ErrorMessages.describe(e))));
    }

    private void show(List<ConnectionProfile> saved) {
        String keep = selected.get() == null ? null : selected.get().name();
        List<ConnectionProfile> all = new ArrayList<>();
        all.add(ConnectionProfile.embeddedDemo());
        all.addAll(saved);
        profiles.setAll(all);
        // Something is always selected, so Connect and Test work without a click first.
        selected.set(all.stream().filter(p -> p.name().equals(keep)).findFirst().orElse(all.get(0)));
    }

    private void add() {
        askForProfile("New Connection", Optional.empty()).ifPresent(profile -> save(profile, Optional.empty()));
    }

    private void editSelected() {
        ConnectionProfile current = selected.get();
        askForProfile("Edit Connection", Optional.of(current)).ifPresent(profile -> save(profile, Optional.of(current)));
    }

    private void save(ConnectionProfile profile, Optional<ConnectionProfile> replaced) {
        boolean renamed = replaced.map(old -> !old.name().equals(profile.name())).orElse(false);
        tasks.execute(BackgroundTask.of("Save connection " + profile.name(), context -> {
            store.save(profile);
            if (renamed) {
                store.delete(replaced.get().name());
            }
            return store.all();
        }).silent().onSuccess(saved -> {
            if (renamed) {
                credentials.forget(replaced.get().name());
            }
            show(saved);
            selected.set(saved.stream().filter(p -> p.name().equals(profile.name())).findFirst().orElse(null));
        }).onFailure(e -> dialogs.showError("Connection not saved", ErrorMessages.describe(e))));
    }

    private void deleteSelected() {
        ConnectionProfile victim = selected.get();
        if (!dialogs.confirm(new Confirmation("Delete connection", "Delete the connection " + victim.name() + "?",
                "The profile and its saved password are removed from this workspace. The database is not touched.",
                "Delete", true))) {
            return;
        }
        tasks.execute(BackgroundTask.of("Delete connection " + victim.name(), context -> {
            store.delete(victim.name());
            return store.all();
        }).silent().onSuccess(saved -> {
            credentials.forget(victim.name());
            show(saved);
        }).onFailure(e -> dialogs.showError("Connection not deleted", ErrorMessages.describe(e))));
    }

    private void testSelected() {
        ConnectionProfile profile = selected.get();
        credentials.obtain(profile, answer -> {
            testResult.set(new TestResult(TestResult.Outcome.RUNNING, "Testing " + profile.name() + "…"));
            tasks.execute(engine.testConnection(answer.request())
                    .onSuccess(check -> {
                        credentials.keepIfWanted(answer);
                        testResult.set(new TestResult(TestResult.Outcome.SUCCEEDED, check.describe()));
                    })
                    .onFailure(e -> {
                        // A failed test must not go unseen: besides the line under the list (which may sit in a
                        // tab behind the navigator) a notice stays until the DBA closes it.
                        String why = ErrorMessages.describe(e);
                        testResult.set(new TestResult(TestResult.Outcome.FAILED, why));
                        notices.error("Cannot connect to " + profile.name(), why);
                    })
                    .onCancelled(() -> testResult.set(TestResult.NONE)));
        });
    }

    private void connectSelected() {
        // What a test found before connecting (say, no catalog) is out of date once connecting acts on it.
        testResult.set(TestResult.NONE);
        session.connect(selected.get());
    }

    /**
     * Shows the profile form; the answer is a valid profile or empty when the DBA cancelled. Host, port,
     * database and SSL mode are the parts of the JDBC URL, kept in step with it both ways.
     */
    private Optional<ConnectionProfile> askForProfile(String title, Optional<ConnectionProfile> current) {
        PostgresUrl url = current.map(p -> parsed(p.jdbcUrl())).orElse(PostgresUrl.of("localhost",
                PostgresUrl.DEFAULT_PORT, "", ""));
        Form form = new Form(title, current.isPresent() ? "Change how " + current.get().name() + " is reached"
                : "A profile says how to reach a PostgreSQL database. Passwords come from the saved ones, then "
                        + "~/.pgpass; otherwise they are asked for on connect.",
                List.of(new Field(NAME, "Name", FieldKind.TEXT, current.map(ConnectionProfile::name).orElse(""),
                                "what you call this database, e.g. prod-reporting"),
                        new Field(HOST, "Host", FieldKind.TEXT, url.host(), "db.example.com"),
                        new Field(PORT, "Port", FieldKind.TEXT, Integer.toString(url.port()), "5432"),
                        new Field(DATABASE, "Database", FieldKind.TEXT, url.database(), "app"),
                        new Field(USER, "User", FieldKind.TEXT, current.map(ConnectionProfile::user).orElse(""),
                                "the role to connect as"),
                        new Field(SSL, "SSL mode", FieldKind.CHOICE, url.sslMode(), "", PostgresUrl.SSL_MODES),
                        new Field(URL, "JDBC URL", FieldKind.TEXT, current.isPresent() ? current.get().jdbcUrl()
                                : url.format(), "jdbc:postgresql://host:5432/database")),
                "Save", values -> problemWith(values, current), ConnectionsViewModel::sync);
        return dialogs.showForm(form).map(ConnectionsViewModel::toProfile);
    }

    /** The URL follows host, port, database and SSL mode; they follow the URL. */
    static java.util.Map<String, String> sync(String changed, FormValues values) {
        if (changed.equals(URL)) {
            try {
                PostgresUrl url = PostgresUrl.parse(values.text(URL));
                return java.util.Map.of(HOST, url.host(), PORT, Integer.toString(url.port()), DATABASE, url.database(),
                        SSL, url.sslMode());
            } catch (IllegalArgumentException notYet) {
                return java.util.Map.of();
            }
        }
        if (List.of(HOST, PORT, DATABASE, SSL).contains(changed)) {
            PostgresUrl base;
            try {
                base = PostgresUrl.parse(values.text(URL));
            } catch (IllegalArgumentException broken) {
                base = PostgresUrl.of("", PostgresUrl.DEFAULT_PORT, "", "");
            }
            int port;
            try {
                port = Integer.parseInt(values.text(PORT));
            } catch (NumberFormatException notYet) {
                return java.util.Map.of();
            }
            return java.util.Map.of(URL, base.withHost(values.text(HOST)).withPort(port)
                    .withDatabase(values.text(DATABASE)).withSslMode(values.text(SSL)).format());
        }
        return java.util.Map.of();
    }

    private static PostgresUrl parsed(String url) {
        try {
            return PostgresUrl.parse(url);
        } catch (IllegalArgumentException e) {
            return PostgresUrl.of("", PostgresUrl.DEFAULT_PORT, "", "");
        }
    }

    /** Why the form's values are not a profile yet, or empty when they are. */
    Optional<String> problemWith(FormValues values, Optional<ConnectionProfile> current) {
        String name = values.text(NAME);
        if (name.isEmpty()) {
            return Optional.of("Give the connection a name.");
        }
        if (name.equalsIgnoreCase(ConnectionProfile.EMBEDDED_DEMO_NAME)) {
            return Optional.of("\"" + ConnectionProfile.EMBEDDED_DEMO_NAME + "\" is the built-in profile; choose another name.");
        }
        boolean taken = profiles.stream().anyMatch(p -> p.name().equals(name))
                && current.map(c -> !c.name().equals(name)).orElse(true);
        if (taken) {
            return Optional.of("A connection named " + name + " exists already.");
        }
        try {
            toProfile(values);
            PostgresUrl url = PostgresUrl.parse(values.text(URL));
            if (url.host().isEmpty()) {
                return Optional.of("Enter the host (or a JDBC URL such as jdbc:postgresql://host:5432/database).");
            }
            if (!values.text(PORT).matches("\\d{1,5}")) {
                return Optional.of("The port is a number, such as 5432.");
            }
            if (url.database().isEmpty()) {
                return Optional.of("Name the database to connect to.");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static ConnectionProfile toProfile(FormValues values) {
        return new ConnectionProfile(values.text(NAME), values.text(URL), values.text(USER));
    }

    public ObservableList<ConnectionProfile> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }

    public ObjectProperty<ConnectionProfile> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<TestResult> testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** The session, so the view can mark the connected profile. */
    public SessionViewModel session() {
        return session;
    }

    public WorkbenchCommand newConnectionCommand() {
        return newConnection;
    }

    public WorkbenchCommand editConnectionCommand() {
        return editConnection;
    }

    public WorkbenchCommand deleteConnectionCommand() {
        return deleteConnection;
    }

    public WorkbenchCommand testConnectionCommand() {
        return testConnection;
    }

    public WorkbenchCommand connectCommand() {
        return connect;
    }
}
