package io.trickle.desktop.views.catalog;

import java.util.Locale;

/** Sizes as a DBA reads them: 1024-based, like {@code pg_size_pretty} ("352 kB", "3.4 MB"). */
public final class ByteSizes {

    private static final String[] UNITS = {"bytes", "kB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    public static String text(long bytes) {
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
    }
}
