package io.trickle.engine.sql;

import java.util.Locale;
import java.util.Set;

/**
 * A PostgreSQL type as {@code format_type} prints it ({@code numeric(10,2)}, {@code text[]}). The
 * engine needs to know two things about a type: whether values can be grouped and compared with
 * {@code =} (most can; json, xml and the geometric types cannot), and whether its values hash
 * reliably in a row identity (otherwise they are hashed through their text).
 */
public record PgType(String name) {

    /** Types without a default equality operator: grouped and compared through their text. */
    private static final Set<String> NO_EQUALITY = Set.of("json", "xml", "point", "line", "lseg", "box", "path",
            "polygon", "circle", "unknown");
    /** Types whose values hash reliably with hash_record_extended. Everything else hashes through ::text. */
    private static final Set<String> HASHABLE = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "text", "character varying", "character", "boolean", "date",
            "timestamp without time zone", "timestamp with time zone", "time without time zone", "uuid", "bytea",
            "jsonb", "oid", "name", "\"char\"", "interval", "inet", "cidr", "macaddr");

    public static final PgType BIGINT = new PgType("bigint");
    public static final PgType TEXT = new PgType("text");
    public static final PgType NUMERIC = new PgType("numeric");

    /** The type without modifiers or array brackets: {@code numeric(10,2)[]} → {@code numeric}. */
    public String base() {
        String n = name.toLowerCase(Locale.ROOT);
        int paren = n.indexOf('(');
        if (paren >= 0) {
            int close = n.indexOf(')', paren);
            n = n.substring(0, paren) + (close >= 0 ? n.substring(close + 1) : "");
        }
        n = n.replace("[]", "").strip();
        // format_type prints "timestamp(3) with time zone": drop the modifier, keep the words.
        return n.replaceAll("\\s+", " ");
    }

    public boolean isArray() {
        return name.endsWith("]");
    }

    public boolean hasEquality() {
        return !NO_EQUALITY.contains(base());
    }

    public boolean hashesReliably() {
        return HASHABLE.contains(base());
    }

    /** Integer and decimal types whose sums are exact, so that a sum can be maintained by addition. */
    public boolean isExactNumber() {
        return !isArray() && Set.of("smallint", "integer", "bigint", "numeric", "money", "interval").contains(base());
    }

    @Override
    public String toString() {
        return name;
    }
}
