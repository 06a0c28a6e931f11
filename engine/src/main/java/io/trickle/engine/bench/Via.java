package io.trickle.engine.bench;

import io.trickle.engine.api.TrickleException.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the suite has Trickle refresh (the {@code path} column of DESIGN §6). */
public enum Via {
    /** A fresh {@code trickle refresh NAME --json} process per refresh, as cron would run it. */
    CLI,
    /** The scheduler daemon ({@code trickle run}, a process of its own) refreshes; the suite reads the history. */
    DAEMON,
    /** {@code Trickle.refresh} in the suite's own process, warm. */
    API;

    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<Via> parseList(List<String> names) {
        List<Via> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toUpperCase(Locale.ROOT);
            Via via;
            try {
                via = valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown path '" + raw + "' for --via; use cli, daemon or api");
            }
            if (!out.contains(via)) {
                out.add(via);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--via needs at least one of cli, daemon, api");
        }
        return List.copyOf(out);
    }
}
