package io.trickle.engine.dvm.render;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.dvm.op.ColumnId;
import io.trickle.engine.dvm.op.Expr;
import io.trickle.engine.sql.PgType;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that writes names and values into generated SQL. Every identifier is quoted, so a
 * column called {@code "Order"} or {@code a"b} stays one identifier. The shapes built from them are
 * {@link Fragments}; the engine's own names are {@link ReservedNames}.
 */
public final class SqlWriter {

    private SqlWriter() {
    }

    public static String ident(String name) {
        return PgQuote.ident(name);
    }

    public static String ident(ColumnId id) {
        return PgQuote.ident(id.name());
    }

    public static String literal(String value) {
        return PgQuote.literal(value);
    }

    /** {@code alias."col"}. */
    public static String col(String alias, ColumnId id) {
        return alias + "." + ident(id);
    }

    /** {@code alias."a", alias."b"}. */
    public static String cols(String alias, List<ColumnId> ids) {
        return ids.stream().map(id -> col(alias, id)).collect(Collectors.joining(", "));
    }

    /** {@code "a", "b"}. */
    public static String names(List<ColumnId> ids) {
        return ids.stream().map(SqlWriter::ident).collect(Collectors.joining(", "));
    }

    /** An expression written against one relation alias. */
    public static String expr(Expr e, String alias) {
        return e.render(id -> col(alias, id));
    }

    /** An expression whose columns come from several relations. */
    public static String expr(Expr e, Function<ColumnId, String> columnSql) {
        return e.render(columnSql);
    }

    /** A typed NULL, so that UNION branches and CTEs agree on column types (and collations). */
    public static String nullOf(PgType type) {
        return "NULL::" + type.declaration();
    }

    /** Conjunction of conditions; {@code true} when there are none. */
    public static String and(List<String> conditions) {
        return conditions.isEmpty() ? "true" : conditions.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));
    }

    /**
     * A value that can be grouped and compared with {@code =}: types without equality (json,
     * geometric types) are compared through their text.
     */
    public static String comparable(String sql, PgType type) {
        return type.hasEquality() ? sql : "(" + sql + ")::text";
    }

    /** {@code a IS NOT DISTINCT FROM b}, through text where the type has no equality. */
    public static String sameValue(String a, String b, PgType type) {
        return comparable(a, type) + " IS NOT DISTINCT FROM " + comparable(b, type);
    }

    /**
     * The row identity hash over the given values (DESIGN §2): built-in hashes, which agree with the
     * types' equality (under the values' collation, so {@code 'a'} and {@code 'A'} share an id under a
     * case-insensitive one), NULL-safe, values of types that do not hash reliably hashed through their
     * text. An empty list is the identity of the single row a scalar aggregate yields.
     */
    public static String rowId(List<String> values, List<PgType> types) {
        if (values.isEmpty()) {
            return "0::bigint";
        }
        StringBuilder sb = new StringBuilder("hash_record_extended(ROW(");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            PgType t = types.get(i);
            String v = t.hashesReliably() ? values.get(i) : "(" + values.get(i) + ")::text";
            // A float zero hashes to 0, as a NULL field does: the NULL is told apart by its own flag.
            sb.append(t.isFloat() ? "(" + v + ") IS NULL, " + v : v);
        }
        // A one-field ROW(x) hashes the same as any other one-field record of x: stable across paths.
        return sb.append("), 0)").toString();
    }
}
