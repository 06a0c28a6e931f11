package io.trickle.desktop.services;

import java.util.Objects;

/** Short messages that appear at the top right and go away by themselves: "Catalog 0.6.0 installed". */
public interface NotificationService {

    enum Severity { INFO, SUCCESS, WARNING, ERROR }

    record Notice(Severity severity, String title, String message) {
        public Notice {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(title, "title");
            message = message == null ? "" : message;
        }
    }

    void notify(Notice notice);

    default void info(String title, String message) {
        notify(new Notice(Severity.INFO, title, message));
    }

    default void success(String title, String message) {
        notify(new Notice(Severity.SUCCESS, title, message));
    }

    default void warning(String title, String message) {
        notify(new Notice(Severity.WARNING, title, message));
    }

    default void error(String title, String message) {
        notify(new Notice(Severity.ERROR, title, message));
    }
}
