package io.trickle.engine.api;

import io.trickle.engine.db.PgQuote;

/**
 * The engine's quoting for SQL that front ends show or copy (the workbench's previews of what an
 * action runs): the same rules the engine's own SQL follows, so that a name or a value never turns
 * into SQL of its own, and no front end keeps a second copy of them.
 */
public final class SqlQuote {

    private SqlQuote() {
    }

    /** A double-quoted identifier; embedded double quotes are doubled. */
    public static String identifier(String name) {
        return PgQuote.ident(name);
    }

    /** A standard-conforming string literal; {@code NULL} for null. */
    public static String literal(String value) {
        return PgQuote.literal(value);
    }
}
