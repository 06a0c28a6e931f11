package io.trickle.engine.dvm.render;

import java.util.Locale;

/**
 * The names the engine gives its own columns, relations and CTEs in generated SQL and in storage
 * tables, all under the prefix {@value #PREFIX}, which no user column may take (a query whose output
 * has such a column is refused, and the operator tree's own column ids never start with it). Written
 * here once, so a reader of the SQL and a reader of the code find the same name.
 */
public final class ReservedNames {

    /** The prefix every engine name starts with. */
    public static final String PREFIX = "__pgt_";

    /** The weight of a row of a delta (a Z-set): +n for a row added n times, −n for one removed n times. */
    public static final String WEIGHT = PREFIX + "w";

    /** A storage row's identity: the hash of its key, or of its whole content (DESIGN §2). */
    public static final String ROW_ID = PREFIX + "row_id";

    /** How many input rows stand behind a stored group or distinct row. */
    public static final String COUNT = PREFIX + "count";

    /** The multiplicity of a consolidated seed row of a recursive CTE's semi-naive growth. */
    public static final String MULTIPLICITY = PREFIX + "n";

    /** The alias of a correlated subquery's body inside the subquery. */
    public static final String SUBQUERY_BODY = PREFIX + "b";

    /** The alias of an empty relation standing in for a recursive CTE's working table. */
    public static final String EMPTY = PREFIX + "empty";

    private ReservedNames() {
    }

    /**
     * An auxiliary storage column keeping state the query does not show ({@code __pgt_nn_total}: how
     * many non-NULL values a sum has seen).
     */
    public static String auxiliary(String state) {
        return PREFIX + state;
    }

    /** The name a recursive CTE gets in generated SQL, unique within its query. */
    public static String recursiveCte(String firstColumn) {
        return PREFIX + "rec_" + firstColumn;
    }

    /** The recursion that grows a recursive CTE semi-naively from its new rows. */
    public static String seminaive(String cteName) {
        return PREFIX + "sn_" + cteName;
    }

    /** The {@code n}th CTE of a delta query, named after the operator it differentiates. */
    public static String deltaCte(int n, String operator) {
        return PREFIX + "d" + n + "_" + operator.toLowerCase(Locale.ROOT);
    }
}
