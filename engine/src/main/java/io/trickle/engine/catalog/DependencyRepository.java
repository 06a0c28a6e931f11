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

    public void insert(Connection c, long pgtId, long sourceOid, String sourceType, List<String> columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_dependencies (pgt_id, source, source_schema, source_name, source_type,
                    columns_used, column_fingerprint)
                SELECT ?, c.oid::regclass, n.nspname, c.relname, ?, ?::text[], """ + FINGERPRINT_SQL + """

                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?""")) {
            Array cols = c.createArrayOf("text", columns.toArray());
            ps.setLong(1, pgtId);
            ps.setString(2, sourceType);
            ps.setArray(3, cols);
            ps.setLong(4, sourceOid);
            ps.setArray(5, cols);
            ps.setLong(6, sourceOid);
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
                SELECT pgt_id, source::oid, source_schema, source_name, source_type, columns_used, column_fingerprint
                  FROM pgtrickle.pgt_dependencies
                """ + " " + where)) {
            if (param != null) {
                ps.setObject(1, param);
            }
            List<Dependency> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] cols = (String[]) rs.getArray(6).getArray();
                    out.add(new Dependency(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Arrays.asList(cols), rs.getString(7)));
                }
            }
            return out;
        }
    }
}
