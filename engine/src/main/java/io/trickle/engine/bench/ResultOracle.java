package io.trickle.engine.bench;

import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle of DESIGN §8, for the suite: a table maintained from a query equals the query run from
 * scratch, as a multiset, on the query's own columns:
 * {@code (SELECT cols FROM t EXCEPT ALL q) UNION ALL (q EXCEPT ALL SELECT cols FROM t)} is empty.
 * Columns are those of the table that are not the engine's ({@code __pgt_}) or pg_ivm's
 * ({@code __ivm_}); columns of types without an equality operator are compared through their text,
 * floating-point ones to 12 significant digits (a float sum depends on the order of its terms).
 */
final class ResultOracle {

    /** What a check found: nothing, or a few rows on either side. */
    record Verdict(boolean matches, List<String> extra, List<String> missing) {
        String describe(String table, String query) {
            return table + " differs from its query " + query + "; rows in the table but not in the query: " + extra
                    + "; rows in the query but not in the table: " + missing;
        }
    }

    private ResultOracle() {
    }

    /** Compares {@code table} (schema-qualified, quoted) with {@code query}. */
    static Verdict check(Connection c, String table, String query) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, a.atttypid IN ('float4'::regtype, 'float8'::regtype),
                       EXISTS (SELECT 1 FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_am am ON am.oid = o.opcmethod
                                WHERE am.amname IN ('btree', 'hash') AND o.opcdefault
                                  AND o.opcintype = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE a.atttypid END)
                  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                 WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                   AND a.attname NOT LIKE '\\_\\_pgt\\_%' AND a.attname NOT LIKE '\\_\\_ivm\\_%'
                 ORDER BY a.attnum""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = PgQuote.ident(rs.getString(1));
                    boolean floating = rs.getBoolean(2);
                    boolean comparable = rs.getBoolean(3);
                    if (floating) {
                        columns.add("to_char(" + col + ", '9.99999999999EEEE') AS " + col);
                    } else {
                        columns.add(comparable ? col : col + "::text AS " + col);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException(table + " has no columns to compare");
        }
        String cols = String.join(", ", columns);
        String stored = "SELECT " + cols + " FROM " + table;
        String fresh = "SELECT " + cols + " FROM (" + query + ") q";
        List<String> extra = rows(c, "(" + stored + ") EXCEPT ALL (" + fresh + ") LIMIT 5");
        List<String> missing = rows(c, "(" + fresh + ") EXCEPT ALL (" + stored + ") LIMIT 5");
        return new Verdict(extra.isEmpty() && missing.isEmpty(), extra, missing);
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                out.add("(" + String.join(", ", values) + ")");
            }
        }
        return out;
    }
}
