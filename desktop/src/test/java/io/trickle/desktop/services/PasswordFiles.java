package io.trickle.desktop.services;

import java.nio.file.Path;

/** Password files for tests. */
public final class PasswordFiles {

    /** A password file that does not exist: every password comes from the secret store or the dialog. */
    public static final PasswordFile NO_PASSWORD_FILE = new PasswordFile(Path.of("target", "no-such-pgpass"));

    private PasswordFiles() {
    }
}
