package io.trickle.engine.oracle;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle of DESIGN §8: a stream table equals its defining query run from scratch, as a multiset:
 * {@code (SELECT cols FROM st EXCEPT ALL q) UNION ALL (q EXCEPT ALL SELECT cols FROM st)} is empty.
 * Columns of types without equality (json, geometric) are compared through their text. Floating-point
 * columns are compared to 12 significant digits: a floating-point sum depends on the order of its
 * terms, so two correct evaluations of {@code avg(double precision)} over the same rows may differ in
 * the last bit, and -0 counts as 0. Every other type is compared with its own equality (under the
 * column's collation: a case-insensitive one finds {@code 'a'} and {@code 'A'} equal, as PostgreSQL does).
 */
public final class Oracle {

    private Oracle() {
    }

    /** Throws an AssertionError listing up to ten extra and ten missing rows when they differ. */
    public static void assertMatches(Connection c, String schema, String table, String query) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                 WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT LIKE '\\_\\_pgt\\_%'
                 ORDER BY a.attnum""")) {
            ps.setString(1, PgQuote.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = PgQuote.ident(rs.getString(1));
                    PgType type = new PgType(rs.getString(2));
                    if (!type.isArray() && (type.base().equals("double precision") || type.base().equals("real"))) {
                        // + 0 makes -0 into 0: the two are equal, and either may stand for both
                        columns.add("to_char(" + col + " + 0, '9.99999999999EEEE') AS " + col);
                    } else {
                        columns.add(type.hasEquality() ? col : col + "::text AS " + col);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new AssertionError("stream table " + schema + "." + table + " has no user columns");
        }
        String cols = String.join(", ", columns);
        String st = "SELECT " + cols + " FROM " + PgQuote.qualified(schema, table);
        String q = "SELECT " + cols + " FROM (" + query + ") q";
        List<String> extra = rows(c, "(" + st + ") EXCEPT ALL (" + q + ") LIMIT 10");
        List<String> missing = rows(c, "(" + q + ") EXCEPT ALL (" + st + ") LIMIT 10");
        if (!extra.isEmpty() || !missing.isEmpty()) {
            throw new AssertionError("stream table " + schema + "." + table + " differs from its query\n  query: " + query
                    + "\n  rows in the table but not in the query: " + extra
                    + "\n  rows in the query but not in the table: " + missing);
        }
    }

    /**
     * A stricter oracle for queries whose result rows are determined to the byte (no grouping picks
     * one of several equal values): every value is compared by its text, so {@code 'a'} and
     * {@code 'A'} under a case-insensitive collation, {@code 1.0} and {@code 1.00}, {@code 0} and
     * {@code -0} all differ.
     */
    public static void assertSameImages(Connection c, String schema, String table, String query) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT LIKE '\\_\\_pgt\\_%'
                 ORDER BY a.attnum""")) {
            ps.setString(1, PgQuote.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String col = PgQuote.ident(rs.getString(1));
                    columns.add("(" + col + ")::text COLLATE \"C\" AS " + col);
                }
            }
        }
        String cols = String.join(", ", columns);
        String st = "SELECT " + cols + " FROM " + PgQuote.qualified(schema, table);
        String q = "SELECT " + cols + " FROM (" + query + ") q";
        List<String> extra = rows(c, "(" + st + ") EXCEPT ALL (" + q + ") LIMIT 10");
        List<String> missing = rows(c, "(" + q + ") EXCEPT ALL (" + st + ") LIMIT 10");
        if (!extra.isEmpty() || !missing.isEmpty()) {
            throw new AssertionError("stream table " + schema + "." + table + " holds other images than its query\n  query: "
                    + query + "\n  written so in the table only: " + extra + "\n  written so in the query only: " + missing);
        }
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
