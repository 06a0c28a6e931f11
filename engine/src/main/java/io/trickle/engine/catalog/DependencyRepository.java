package io.trickle.engine.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads and writes {@code pgtrickle.pgt_dependencies}. */
public final class DependencyRepository {

    /**
     * The fingerprint of a source, computed in the database by the one function run_refresh checks it
     * with: the columns used (names and types), a view's definition, a table's place in a partition
     * or inheritance tree (migration 0.7.0.10). Binds the relation's OID, then the columns used.
     */
    public static final String FINGERPRINT_SQL = "pgtrickle.column_fingerprint(?::oid::regclass, ?::text[])";

    /** The used columns ({@code ?::oid}, {@code ?::text[]}) as {@code name:type}, by name: what {@link #FINGERPRINT_SQL} hashes. */
    public static final String COLUMN_TYPES_SQL = """
            (SELECT coalesce(array_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attname), '{}')
               FROM pg_attribute a
              WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY (?::text[]))""";

    public void insert(Connection c, long pgtId, long sourceOid, String sourceType, List<String> columns) throws SQLException {
        // column_types came with catalog 0.7.0.11; an older catalog gets NULL's equivalent: nothing.
        boolean withTypes = hasColumnTypes(c);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_dependencies (pgt_id, source, source_schema, source_name, source_type,
                    columns_used, column_fingerprint""" + (withTypes ? ", column_types" : "") + """
                )
                SELECT ?, c.oid::regclass, n.nspname, c.relname, ?, ?::text[], """ + FINGERPRINT_SQL
                + (withTypes ? ", " + COLUMN_TYPES_SQL : "") + """

                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?""")) {
            Array cols = c.createArrayOf("text", columns.toArray());
            int i = 0;
            ps.setLong(++i, pgtId);
            ps.setString(++i, sourceType);
            ps.setArray(++i, cols);
            ps.setLong(++i, sourceOid);
            ps.setArray(++i, cols);
            if (withTypes) {
                ps.setLong(++i, sourceOid);
                ps.setArray(++i, cols);
            }
            ps.setLong(++i, sourceOid);
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23514".equals(e.getSQLState())) {
                // A catalog older than 0.7.0.10 knows no SYSTEM or SEQUENCE sources.
                throw new io.trickle.engine.api.TrickleException.InvalidInputException("this catalog cannot record a source"
                        + " of type " + sourceType + "; upgrade it with 'trickle install'", e);
            }
            throw e;
        }
    }

    private static boolean hasColumnTypes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'pgtrickle.pgt_dependencies'::regclass
                                  AND attname = 'column_types' AND NOT attisdropped)""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public List<Dependency> of(Connection c, long pgtId) throws SQLException {
        return query(c, "WHERE pgt_id = ? ORDER BY source_schema, source_name", pgtId);
    }

    /** Dependencies on a relation (which stream tables read it). */
    public List<Dependency> onSource(Connection c, long sourceOid) throws SQLException {
        return query(c, "WHERE source::oid = ? ORDER BY pgt_id", sourceOid);
    }

    public List<Dependency> all(Connection c) throws SQLException {
        return query(c, "ORDER BY pgt_id, source_schema, source_name", null);
    }

    public void deleteFor(Connection c, long pgtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_dependencies WHERE pgt_id = ?")) {
            ps.setLong(1, pgtId);
            ps.executeUpdate();
        }
    }

    private List<Dependency> query(Connection c, String where, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pgt_id, source::oid, source_schema, source_name, source_type, columns_used, column_fingerprint,
                       -- column_types came with catalog 0.7.0.11; read so that older catalogs still list
                       ARRAY(SELECT jsonb_array_elements_text(CASE jsonb_typeof(to_jsonb(d) -> 'column_types')
                                                                  WHEN 'array' THEN to_jsonb(d) -> 'column_types' ELSE '[]' END))
                  FROM pgtrickle.pgt_dependencies d
                """ + " " + where)) {
            if (param != null) {
                ps.setObject(1, param);
            }
            List<Dependency> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] cols = (String[]) rs.getArray(6).getArray();
                    java.sql.Array types = rs.getArray(8);
                    out.add(new Dependency(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Arrays.asList(cols), rs.getString(7),
                            types == null ? List.of() : Arrays.asList((String[]) types.getArray())));
                }
            }
            return out;
        }
    }
}
