package io.trickle.engine.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** One line per step on standard error, with the time since the run began, so a long run shows it is alive. */
final class Progress {

    private final PrintWriter err;
    private final long start = System.nanoTime();

    Progress(PrintWriter err) {
        this.err = err;
    }

    void say(String format, Object... args) {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        err.printf(Locale.ROOT, "[%d:%02d:%02d] %s%n", s / 3600, s / 60 % 60, s % 60, String.format(Locale.ROOT, format, args));
        err.flush();
    }

    /** 950, 20K, 1.5M. */
    static String rows(long n) {
        if (n >= 1_000_000 && n % 100_000 == 0) {
            return trim(n / 1e6) + "M";
        }
        if (n >= 1_000 && n % 100 == 0) {
            return trim(n / 1e3) + "K";
        }
        return Long.toString(n);
    }

    /** 1 %, 0.5 %. */
    static String pct(double p) {
        return trim(p) + " %";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
