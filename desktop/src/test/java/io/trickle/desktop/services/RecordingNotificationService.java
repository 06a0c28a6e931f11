package io.trickle.desktop.services;

import java.util.ArrayList;
import java.util.List;

/** Keeps every notice, for tests to read. */
public final class RecordingNotificationService implements NotificationService {

    private final List<Notice> notices = new ArrayList<>();

    @Override
    public void notify(Notice notice) {
        notices.add(notice);
    }

    public List<Notice> notices() {
        return notices;
    }

    /** "ERROR Title: message", one per notice. */
    public List<String> texts() {
        return notices().stream().map(n -> n.severity() + " " + n.title() + ": " + n.message()).toList();
    }

    public List<String> titles() {
        return notices.stream().map(Notice::title).toList();
    }
}
