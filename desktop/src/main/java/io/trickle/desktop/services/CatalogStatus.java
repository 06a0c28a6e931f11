package io.trickle.desktop.services;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a database has the Trickle catalog, and whether it is the version this engine expects.
 *
 * @param installed the installed catalog version, empty when there is none
 * @param latest    the version this engine's migrations define
 */
public record CatalogStatus(Optional<String> installed, String latest) {

    public enum State {
        /** No catalog: stream tables cannot be used until it is installed. */
        MISSING,
        /** Older than this engine; an upgrade migrates it in place. */
        OUTDATED,
        CURRENT,
        /** Newer than this engine, which should be upgraded instead. */
        NEWER
    }

    public CatalogStatus {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(latest, "latest");
    }

    public State state() {
        if (installed.isEmpty()) {
            return State.MISSING;
        }
        int order = compareVersions(installed.get(), latest);
        return order < 0 ? State.OUTDATED : order == 0 ? State.CURRENT : State.NEWER;
    }

    /** "catalog 0.6.0 (current)", "no catalog", …; for results and the status bar. */
    public String describe() {
        switch (state()) {
            case MISSING:
                return "no Trickle catalog (this workbench installs " + latest + ")";
            case OUTDATED:
                return "catalog " + installed.get() + ", older than " + latest;
            case NEWER:
                return "catalog " + installed.get() + ", newer than this workbench (" + latest + ")";
            default:
                return "catalog " + installed.get() + " (current)";
        }
    }

    /** Compares dotted versions number by number ("0.10.0" is after "0.9.1"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int order = Long.compare(number(x, i), number(y, i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
