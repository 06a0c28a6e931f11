package io.trickle.desktop.views.connections;

import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.ConnectionProfile;
import io.trickle.desktop.services.ConnectionRequest;
import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.DialogService.Field;
import io.trickle.desktop.services.DialogService.FieldKind;
import io.trickle.desktop.services.DialogService.Form;
import io.trickle.desktop.services.PasswordFile;
import io.trickle.desktop.services.PostgresUrl;
import io.trickle.desktop.services.SecretStore;
import io.trickle.desktop.services.TaskExecutor;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the password for a connect: none for the embedded demo, the saved one if the DBA chose to
 * keep it, else the one PostgreSQL's password file ({@code ~/.pgpass}, or {@code $PGPASSFILE}) has for
 * the profile's host, port, database and user, otherwise asked for in a dialog. A password asked for
 * is saved (encrypted) only after it worked, and only if the DBA ticked "Remember".
 */
public final class Credentials {

    static final String PASSWORD = "password";
    static final String REMEMBER = "remember";

    /** A password to try, and what to do with it once it worked. */
    public record Answer(ConnectionRequest request, boolean remember) {
    }

    private final SecretStore secrets;
    private final PasswordFile passwordFile;
    private final DialogService dialogs;
    private final TaskExecutor tasks;

    public Credentials(SecretStore secrets, PasswordFile passwordFile, DialogService dialogs, TaskExecutor tasks) {
        this.secrets = secrets;
        this.passwordFile = passwordFile;
        this.dialogs = dialogs;
        this.tasks = tasks;
    }

    /** Calls {@code then} with the request to make, or never when the DBA cancelled the dialog. */
    public void obtain(ConnectionProfile profile, Consumer<Answer> then) {
        if (profile.isEmbeddedDemo()) {
            then.accept(new Answer(ConnectionRequest.withoutPassword(profile), false));
            return;
        }
        tasks.execute(BackgroundTask.of("Read saved password of " + profile.name(),
                        context -> secrets.find(profile.name()).or(() -> fromPasswordFile(profile)))
                .silent()
                .onSuccess(saved -> {
                    if (saved.isPresent()) {
                        then.accept(new Answer(new ConnectionRequest(profile, saved.get()), false));
                    } else {
                        ask(profile).ifPresent(then);
                    }
                })
                // A saved password that cannot be read is as good as none: ask instead.
                .onFailure(e -> ask(profile).ifPresent(then)));
    }

    /** Saves the password of an answer that worked, if the DBA asked for that. */
    public void keepIfWanted(Answer answer) {
        if (!answer.remember() || answer.request().password() == null) {
            return;
        }
        String name = answer.request().profile().name();
        char[] password = answer.request().password().clone();
        tasks.execute(BackgroundTask.<Void>of("Save password of " + name, context -> {
            secrets.put(name, password);
            java.util.Arrays.fill(password, '\0');
            return null;
        }).silent());
    }

    /** Forgets a saved password, for a deleted or renamed profile. */
    public void forget(String profileName) {
        tasks.execute(BackgroundTask.<Void>of("Forget password of " + profileName, context -> {
            secrets.remove(profileName);
            return null;
        }).silent());
    }

    /** The password file's line for the profile, when its URL names one host. */
    private Optional<char[]> fromPasswordFile(ConnectionProfile profile) {
        try {
            PostgresUrl url = PostgresUrl.parse(profile.jdbcUrl());
            return passwordFile.find(url.host(), url.port(), url.database(), profile.user());
        } catch (IllegalArgumentException unusual) {
            return Optional.empty();
        }
    }

    private Optional<Answer> ask(ConnectionProfile profile) {
        Form form = new Form("Connect to " + profile.name(),
                "Password for " + (profile.user() == null || profile.user().isBlank() ? "" : profile.user() + " at ")
                        + profile.jdbcUrl(),
                List.of(new Field(PASSWORD, "Password", FieldKind.PASSWORD, "", "none saved and none in "
                                + passwordFile.path().getFileName() + "; leave empty if the server needs none"),
                        new Field(REMEMBER, "Remember the password (stored encrypted in ~/.trickle)",
                                FieldKind.CHECKBOX, "false", "")),
                "Connect", values -> Optional.empty());
        return dialogs.showForm(form).map(values -> new Answer(
                new ConnectionRequest(profile, values.secret(PASSWORD)), values.flag(REMEMBER)));
    }
}
