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

    /**
     * SQL for {@code format_type} of a column's type with domains followed to their base type (and
     * the typmod the domain gives it), for columns of {@code pg_attribute} under {@code alias}.
     * Trickle keeps a domain's values in its base type (buffers, storage tables, the expressions of
     * a refresh): writing a value into a domain evaluates its CHECK constraints, which may call
     * functions of the domain's owner, and a refresh runs as the engine (issue 18). The source
     * checked them already when the value was written.
     */
    public static String baseTypeSql(String alias) {
        return """
                (WITH RECURSIVE __pgt_chain(typ, typmod, typtype, base, basemod) AS (
                     SELECT d.oid, %1$s.atttypmod, d.typtype, d.typbasetype, d.typtypmod
                       FROM pg_catalog.pg_type d WHERE d.oid = %1$s.atttypid
                     UNION ALL
                     SELECT d.oid, ch.basemod, d.typtype, d.typbasetype, d.typtypmod
                       FROM __pgt_chain ch JOIN pg_catalog.pg_type d ON d.oid = ch.base WHERE ch.typtype = 'd')
                 SELECT pg_catalog.format_type(ch.typ, ch.typmod) FROM __pgt_chain ch WHERE ch.typtype <> 'd')"""
                .formatted(alias);
    }

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
