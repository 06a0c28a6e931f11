package io.trickle.engine.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * A PostgreSQL type as {@code format_type} prints it ({@code numeric(10,2)}, {@code text[]}), with
 * the collation of the column it types when that is not the type's own. The engine needs to know
 * about a type: whether values can be grouped and compared with {@code =} (most can; json, xml and
 * the geometric types cannot); whether its values hash reliably in a row identity (otherwise they are
 * hashed through their text); and whether equal values are always written alike, which is not so
 * under a nondeterministic collation ({@code 'a'} and {@code 'A'} under a case-insensitive one), for
 * numeric ({@code 1.0} and {@code 1.00}), floats ({@code 0} and {@code -0}) and a few more.
 *
 * @param name          the type, as {@code format_type} prints it
 * @param collation     the column's collation, qualified and quoted, when it differs from the type's
 *                      own (a column {@code text COLLATE ci}); null otherwise
 * @param hashable      whether {@code hash_record_extended} hashes it in a way that agrees with its
 *                      equality, as the database says (domains, arrays, composites and ranges by their
 *                      parts); null when unknown, and then decided by the type's name
 * @param deterministic whether its collation (if any) is deterministic
 */
public record PgType(String name, String collation, Boolean hashable, boolean deterministic) {

    /** Types without a default equality operator: grouped and compared through their text. */
    private static final Set<String> NO_EQUALITY = Set.of("json", "xml", "point", "line", "lseg", "box", "path",
            "polygon", "circle", "unknown");
    /** Types whose values hash reliably with hash_record_extended, when the database was not asked. */
    private static final Set<String> HASHABLE = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "text", "character varying", "character", "boolean", "date",
            "timestamp without time zone", "timestamp with time zone", "time without time zone", "uuid", "bytea",
            "jsonb", "oid", "name", "\"char\"", "interval", "inet", "cidr", "macaddr");
    /** Types whose equal values have one written form (under a deterministic collation). */
    private static final Set<String> ONE_FORM = Set.of("smallint", "integer", "bigint", "text", "character varying",
            "character", "boolean", "date", "timestamp without time zone", "timestamp with time zone",
            "time without time zone", "uuid", "bytea", "oid", "name", "\"char\"", "inet", "cidr", "macaddr", "xid8", "money",
            "pg_lsn");

    public static final PgType BIGINT = new PgType("bigint");
    public static final PgType TEXT = new PgType("text");
    public static final PgType NUMERIC = new PgType("numeric");

    /** A type known by its name only: the type's own collation, hashing decided by the name. */
    public PgType(String name) {
        this(name, null, null, true);
    }

    /**
     * The select-list items that describe the type of a column of {@code pg_attribute} (aliased
     * {@code alias}) as {@link #read} reads them: format_type, collation, whether it hashes, whether
     * its collation is deterministic. A domain is described as its base type (with the typmod the
     * domain gives it) and the column's collation when that is not the base type's own: Trickle keeps
     * a domain's values in its base type (buffers, storage tables, the expressions of a refresh), since
     * writing a value into a domain evaluates its CHECK constraints, which may call functions of the
     * domain's owner, and a refresh runs as the engine (issue 18); the source checked them already
     * when the value was written. Hashing is judged part by part — a domain by its base type, an array
     * by its element, a composite by its fields (one level), an enum or a range as such — each part
     * needing a default hash operator class. Written with index lookups only, so that the planner's
     * estimate stays far below what would make it compile the query (JIT).
     */
    public static String columnSql(String alias) {
        return columnSql(alias, true);
    }

    /**
     * As {@link #columnSql(String)}, but a domain described as itself: for a table the engine wrote,
     * whose declared types are compared with what it should have now (a storage table an older
     * engine declared with a domain is laid out again once).
     */
    public static String declaredColumnSql(String alias) {
        return columnSql(alias, false);
    }

    private static String columnSql(String alias, boolean followDomains) {
        String a = alias + ".";
        String resolved = "(SELECT CASE WHEN d.typtype = 'd' THEN d.typbasetype ELSE d.oid END FROM pg_type d WHERE d.oid = %s)";
        String part = "(SELECT CASE WHEN e.typcategory = 'A' AND e.typelem <> 0 THEN e.typelem ELSE e.oid END"
                + " FROM pg_type e WHERE e.oid = " + resolved + ")";
        String hashes = "(SELECT h.typtype IN ('e', 'r') OR h.oid IN ('character varying'::regtype, 'cidr'::regtype)"
                + " OR EXISTS (SELECT 1 FROM pg_opclass o WHERE o.opcmethod = 405 AND o.opcdefault AND o.opcintype IN (h.oid,"
                + " CASE WHEN h.typtype = 'c' THEN 'record'::regtype END))"
                + " FROM pg_type h WHERE h.oid = " + part + ")";
        String own = hashes.formatted(a + "atttypid");
        String fields = "NOT EXISTS (SELECT 1 FROM pg_attribute f WHERE f.attrelid = c.typrelid AND f.attnum > 0"
                + " AND NOT f.attisdropped AND NOT " + hashes.formatted("f.atttypid") + ")";
        String type = followDomains ? baseType(alias, "pg_catalog.format_type(ch.typ, ch.typmod)")
                : "format_type(" + a + "atttypid, " + a + "atttypmod)";
        String typeOid = followDomains ? baseType(alias, "ch.typ") : a + "atttypid";
        return type + ", "
                + "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + " JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " + a + "attcollation"
                + " AND " + a + "attcollation <> (SELECT ty.typcollation FROM pg_type ty WHERE ty.oid = " + typeOid + ")), "
                + "(SELECT " + own + " AND (c.typtype <> 'c' OR " + fields + ") FROM pg_type c WHERE c.oid = "
                + part.formatted(a + "atttypid") + "), "
                + "coalesce((SELECT co.collisdeterministic FROM pg_collation co WHERE co.oid = " + a + "attcollation), true)";
    }

    /**
     * {@code select} (over {@code ch.typ}, {@code ch.typmod}) of the type a column of
     * {@code pg_attribute} under {@code alias} has once its domains are followed to their base type.
     */
    private static String baseType(String alias, String select) {
        return """
                (WITH RECURSIVE __pgt_chain(typ, typmod, typtype, base, basemod) AS (
                     SELECT d.oid, %1$s.atttypmod, d.typtype, d.typbasetype, d.typtypmod
                       FROM pg_catalog.pg_type d WHERE d.oid = %1$s.atttypid
                     UNION ALL
                     SELECT d.oid, ch.basemod, d.typtype, d.typbasetype, d.typtypmod
                       FROM __pgt_chain ch JOIN pg_catalog.pg_type d ON d.oid = ch.base WHERE ch.typtype = 'd')
                 SELECT %2$s FROM __pgt_chain ch WHERE ch.typtype <> 'd')"""
                .formatted(alias, select);
    }

    /** The type described by the four columns of {@link #columnSql} starting at {@code first}. */
    public static PgType read(ResultSet rs, int first) throws SQLException {
        boolean hashable = rs.getBoolean(first + 2);
        Boolean known = rs.wasNull() ? null : hashable;
        return new PgType(rs.getString(first), rs.getString(first + 1), known, rs.getBoolean(first + 3));
    }

    /** The type as a column definition or cast target: {@code text COLLATE "public"."ci"}. */
    public String declaration() {
        return collation == null ? name : name + " COLLATE " + collation;
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
        return hashable != null ? hashable : HASHABLE.contains(base());
    }

    /**
     * Whether two equal values are always written alike, so that grouping by equality cannot merge
     * different images of a row. Unknown types (domains, composites, extension types) are taken not to.
     */
    public boolean oneFormPerValue() {
        return deterministic && ONE_FORM.contains(base());
    }

    /** A floating-point scalar, whose zero hashes as a NULL does. */
    public boolean isFloat() {
        return !isArray() && (base().equals("real") || base().equals("double precision"));
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
