package io.trickle.engine.dvm.translate;

import java.util.Locale;

/** SQL identifiers as JSqlParser hands them over (quotes kept) → the exact names PostgreSQL uses. */
public final class Names {

    private Names() {
    }

    /** {@code "Order"} → {@code Order}; {@code Orders} → {@code orders}. */
    public static String normalize(String identifier) {
        if (identifier == null) {
            return null;
        }
        String s = identifier.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
