package io.trickle.engine.db;

/**
 * The only place that turns a name or a literal into PostgreSQL text. Every identifier the engine
 * writes into SQL goes through {@link #ident}, so names with quotes, capitals, spaces or semicolons
 * stay one identifier and never become SQL.
 */
public final class PgQuote {

    private PgQuote() {
    }

    /** A double-quoted identifier; embedded double quotes are doubled. */
    public static String ident(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return ident(schema) + '.' + ident(name);
    }

    /** A standard-conforming string literal ({@code E''} is never needed: backslashes are literal). */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
