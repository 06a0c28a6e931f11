package io.trickle.engine.cdc;

import io.trickle.engine.sql.PgType;
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

    /** String types: byte equality under collation C. */
    private static final Set<String> STRINGS = Set.of("text", "character varying");

    private ExactImage() {
    }

    /** The grouping key of {@code expr}. */
    public static String key(String expr, PgType type) {
        if (!type.isArray() && STRINGS.contains(type.base())) {
            return "(" + expr + " COLLATE \"C\")";
        }
        if (!type.isArray() && type.oneFormPerValue()) {
            return expr;
        }
        return "((" + expr + ")::text COLLATE \"C\")";
    }

    /**
     * The value of {@code expr} in a group whose key is not {@code expr} itself (all members are
     * alike). Strings and arrays take {@code min}: an array of arrays would be a two-dimensional array,
     * and its first element no longer an array.
     */
    public static String representative(String expr, PgType type) {
        if (type.isArray() || STRINGS.contains(type.base())) {
            return "min(" + expr + ")";
        }
        return "(array_agg(" + expr + "))[1]";
    }
}
