package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.StreamTableChange;
import io.trickle.desktop.services.StreamTableDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line that does what a workbench action is about to do, shown before it runs so the DBA
 * can see it, copy it into a script, or run it elsewhere (DESIGN §4). Arguments are quoted for a POSIX
 * shell: single quotes, with {@code '\''} for a quote inside.
 */
public final class CliCommand {

    static final String PROGRAM = "java -jar engine/target/trickle.jar";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CliCommand() {
    }

    public static String create(StreamTableDraft draft) {
        List<String> args = new ArrayList<>(List.of("create", draft.name(), "--query", draft.query()));
        if (!draft.schedule().isBlank() && !draft.schedule().equalsIgnoreCase("calculated")) {
            args.addAll(List.of("--schedule", draft.schedule()));
        }
        if (!draft.mode().equalsIgnoreCase("AUTO")) {
            args.addAll(List.of("--mode", draft.mode()));
        }
        if (!draft.initialize()) {
            args.add("--no-initialize");
        }
        return line(args);
    }

    public static String alter(String name, StreamTableChange change) {
        List<String> args = new ArrayList<>(List.of("alter", name));
        if (change.query() != null) {
            args.addAll(List.of("--query", change.query()));
        }
        if (change.schedule() != null) {
            args.addAll(List.of("--schedule", change.schedule()));
        }
        if (change.mode() != null) {
            args.addAll(List.of("--mode", change.mode()));
        }
        if (change.status() != null) {
            args.addAll(List.of("--status", change.status()));
        }
        return line(args);
    }

    public static String drop(String name, boolean cascade) {
        List<String> args = new ArrayList<>(List.of("drop", name));
        if (cascade) {
            args.add("--cascade");
        }
        return line(args);
    }

    public static String refresh(String name, boolean full) {
        List<String> args = new ArrayList<>(List.of("refresh", name));
        if (full) {
            args.add("--full");
        }
        return line(args);
    }

    private static String line(List<String> args) {
        StringBuilder out = new StringBuilder(PROGRAM);
        args.forEach(arg -> out.append(' ').append(quote(arg)));
        return out.toString();
    }

    /** An argument as a POSIX shell reads it back unchanged. */
    static String quote(String arg) {
        if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
