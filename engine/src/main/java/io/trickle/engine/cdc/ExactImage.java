package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grouping by exact image. Change windows are consolidated so that a row added and removed again
 * cancels — but only the very same row: values PostgreSQL's equality calls equal yet writes
 * differently (numeric 1.0 and 1.00, float 0 and -0, intervals of 1 day and 24 hours, 'a' and 'A'
 * under a case-insensitive collation) are different rows to a reader that shows them. So a value is
 * grouped as it is only where its type's equality is byte equality ({@link PgType#oneFormPerValue}),
 * strings under collation C, and anything else through its text under collation C — the collation
 * must be named: the text of a value of a case-insensitive domain, or of an array of such strings,
 * inherits the case-insensitive collation, and would merge 'a' and 'A' again.
 */
public final class ExactImage {

    /** Numbers grouped by their value and what equality ignores. */
    private static final Set<String> NUMBERS = Set.of("numeric", "double precision", "real");
    /** String types: byte equality under collation C. */
    private static final Set<String> STRINGS = Set.of("text", "character varying");

    private ExactImage() {
    }

    /**
     * The grouping key of {@code expr}: the value itself where equality is byte equality; for a
     * number, the value and what its equality ignores (a numeric's scale, a float zero's sign), which
     * is far cheaper to group by than text; otherwise its text.
     */
    public static String key(String expr, PgType type) {
        if (!type.isArray() && STRINGS.contains(type.base())) {
            return "(" + expr + " COLLATE \"C\")";
        }
        if (!type.isArray() && type.oneFormPerValue()) {
            return expr;
        }
        if (!type.isArray() && type.base().equals("numeric")) {
            return expr + ", pg_catalog.scale(" + expr + ")";
        }
        if (type.isFloat()) {
            return expr + ", (" + expr + " = 0 AND " + expr + "::text LIKE '-%')";
        }
        return "((" + expr + ")::text COLLATE \"C\")";
    }

    /**
     * Whether {@code a} and {@code b} are the same image (both NULL included): their keys compared
     * as rows, since a number's key has two parts.
     */
    public static String sameImage(String a, String b, PgType type) {
        return "ROW(" + key(a, type) + ") IS NOT DISTINCT FROM ROW(" + key(b, type) + ")";
    }

    /**
     * The value of {@code expr} in a group whose key is not {@code expr} itself (all members are
     * alike). Strings and arrays take {@code min}: an array of arrays would be a two-dimensional array,
     * and its first element no longer an array.
     */
    public static String representative(String expr, PgType type) {
        if (!type.isArray() && NUMBERS.contains(type.base())) {
            return expr; // grouped by itself too (and by what its equality ignores)
        }
        if (type.isArray() || STRINGS.contains(type.base())) {
            return "min(" + expr + ")";
        }
        return "(array_agg(" + expr + "))[1]";
    }

    /**
     * Consolidates {@code rows} — a query yielding {@code columns} and a weight {@code __pgt_w} — into
     * one row per distinct row (by exact image) with the sum of its weights, leaving out rows whose
     * weights cancel.
     */
    public static String consolidate(String rows, Map<String, PgType> columns) {
        List<String> select = new ArrayList<>();
        List<String> group = new ArrayList<>();
        columns.forEach((name, type) -> {
            String col = "u." + PgQuote.ident(name);
            String key = key(col, type);
            group.add(key);
            select.add((key.equals(col) ? col : representative(col, type)) + " AS " + PgQuote.ident(name));
        });
        select.add("sum(u.__pgt_w)::bigint AS __pgt_w");
        return "SELECT " + String.join(", ", select) + " FROM (" + rows + ") u"
                + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
                + " HAVING sum(u.__pgt_w) <> 0";
    }
}
