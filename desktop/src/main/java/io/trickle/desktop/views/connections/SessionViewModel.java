package io.trickle.desktop.views.connections;

import io.trickle.desktop.services.CatalogStatus;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Confirmation;
import io.trickle.desktop.services.EngineService;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.WorkbenchCommand;
import io.trickle.engine.api.InstallResult;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connected database of this window, which the status bar shows and the catalog views (navigator,
 * graph, properties, history) follow. Connecting checks the catalog and offers to install or upgrade it.
 */
public final class SessionViewModel {

    public enum State { DISCONNECTED, CONNECTING, CONNECTED }

    static final String NOT_CONNECTED = "not connected";

    private final EngineService engine;
    private final Credentials credentials;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.DISCONNECTED);
    private final ReadOnlyObjectWrapper<EngineSession> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ReadOnlyObjectWrapper<CatalogStatus> catalog = new ReadOnlyObjectWrapper<>(this, "catalog");
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText", NOT_CONNECTED);

    private final WorkbenchCommand disconnect;
    private final WorkbenchCommand installCatalog;

    public SessionViewModel(EngineService engine, Credentials credentials, TaskExecutor tasks, DialogService dialogs,
                            NotificationService notices) {
        this.engine = engine;
        this.credentials = credentials;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        this.disconnect = WorkbenchCommand.of(Bindings.equal(state, State.CONNECTED), this::disconnect);
        this.installCatalog = WorkbenchCommand.of(Bindings.createBooleanBinding(
                () -> state.get() == State.CONNECTED && catalog.get() != null
                        && catalog.get().state() != CatalogStatus.State.NEWER, state, catalog), this::offerInstall);
    }

    /** Connects to the profile's database, closing the current session first. */
    public void connect(ConnectionProfile profile) {
        connect(profile, false);
    }

    /**
     * Connects, and installs or upgrades the catalog without asking when it is missing or old: for the
     * demo the workbench was started with ({@code --demo}), where the DBA asked for exactly that.
     */
    public void connectAndInstall(ConnectionProfile profile) {
        connect(profile, true);
    }

    private void connect(ConnectionProfile profile, boolean installWithoutAsking) {
        if (state.get() == State.CONNECTING) {
            return;
        }
        credentials.obtain(profile, answer -> {
            closeSession();
            state.set(State.CONNECTING);
            connectionText.set("connecting to " + profile.name() + "…");
            tasks.execute(engine.open(answer.request())
                    .onSuccess(opened -> {
                        credentials.keepIfWanted(answer);
                        session.set(opened);
                        state.set(State.CONNECTED);
                        connectionText.set(profile.name() + " · " + opened.databaseName());
                        checkCatalog(opened, installWithoutAsking);
                    })
                    .onFailure(e -> {
                        resetToDisconnected();
                        dialogs.showError("Cannot connect to " + profile.name(), ErrorMessages.describe(e));
                    })
                    .onCancelled(this::resetToDisconnected));
        });
    }

    public void disconnect() {
        EngineSession current = session.get();
        closeSession();
        if (current != null) {
            notices.info("Disconnected", current.profile().name() + " · " + current.databaseName());
        }
    }

    /** Offers to install a missing catalog or upgrade an old one, asking first. */
    public void offerInstall() {
        EngineSession current = session.get();
        CatalogStatus status = catalog.get();
        if (current == null || status == null) {
            return;
        }
        String database = current.databaseName();
        Confirmation question;
        switch (status.state()) {
            case MISSING:
                question = new Confirmation("Install catalog", "Install the Trickle catalog into " + database + "?",
                        "This creates the schema pgtrickle with its tables and functions (catalog version "
                                + status.latest() + "). Nothing else in the database changes. Without the catalog, "
                                + "stream tables cannot be created or listed here.", "Install", false);
                break;
            case OUTDATED:
                question = new Confirmation("Upgrade catalog", "Upgrade the Trickle catalog of " + database + " from "
                        + status.installed().orElse("?") + " to " + status.latest() + "?",
                        "The migrations run in place and keep every stream table. Engines of the older version "
                                + "should be upgraded too.", "Upgrade", false);
                break;
            case CURRENT:
                question = new Confirmation("Catalog is current", "The catalog of " + database + " is already at "
                        + status.latest() + ".", "Running the installer again checks it and changes nothing.",
                        "Check again", false);
                break;
            default:
                dialogs.showInformation("Catalog is newer", "The catalog of " + database + " is at "
                        + status.installed().orElse("?") + ", newer than this workbench (" + status.latest()
                        + "). Upgrade the workbench to work with it.");
                return;
        }
        if (dialogs.confirm(question)) {
            install(current);
        }
    }

    private void install(EngineSession current) {
        tasks.execute(current.installCatalog()
                .onSuccess(this::installed)
                .onFailure(e -> dialogs.showError("Catalog not installed", ErrorMessages.describe(e))));
    }

    private void installed(InstallResult result) {
        catalog.set(new CatalogStatus(java.util.Optional.of(result.catalogVersion()), result.catalogVersion()));
        notices.success(result.changed() ? "Catalog " + result.catalogVersion() + " installed" : "Catalog is current",
                result.database() + (result.changed() ? " · " + result.migrationsApplied() + " migrations applied" : ""));
    }

    private void checkCatalog(EngineSession opened, boolean installWithoutAsking) {
        tasks.execute(opened.catalogStatus()
                .onSuccess(status -> {
                    catalog.set(status);
                    boolean needed = status.state() == CatalogStatus.State.MISSING
                            || status.state() == CatalogStatus.State.OUTDATED;
                    if (needed && installWithoutAsking) {
                        install(opened);
                    } else if (needed) {
                        offerInstall();
                    } else {
                        notices.success("Connected", opened.profile().name() + " · " + status.describe());
                    }
                })
                .onFailure(e -> notices.warning("Catalog version unknown", ErrorMessages.describe(e))));
    }

    private void closeSession() {
        EngineSession current = session.get();
        if (current != null) {
            tasks.execute(current.close());
        }
        resetToDisconnected();
    }

    private void resetToDisconnected() {
        session.set(null);
        catalog.set(null);
        state.set(State.DISCONNECTED);
        connectionText.set(NOT_CONNECTED);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EngineSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CatalogStatus> catalogProperty() {
        return catalog.getReadOnlyProperty();
    }

    /** "prod · db:5432/app", "connecting to prod…" or "not connected". */
    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public WorkbenchCommand disconnectCommand() {
        return disconnect;
    }

    public WorkbenchCommand installCatalogCommand() {
        return installCatalog;
    }
}
