package io.trickle.engine.dvm.translate;

import io.trickle.engine.dvm.op.ColumnId;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hands out column ids that are unique in one tree and readable in generated SQL. */
final class IdFactory {

    private final Set<String> used = new HashSet<>();

    ColumnId next(String hint) {
        String base = hint == null ? "col" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("^_+", "").replaceAll("_+$", "");
        if (base.isEmpty() || base.startsWith("pgt")) {
            base = "col" + (base.isEmpty() ? "" : "_" + base);
        }
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        if (Character.isDigit(base.charAt(0))) {
            base = "c" + base;
        }
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "_" + i;
        }
        return new ColumnId(name);
    }
}
