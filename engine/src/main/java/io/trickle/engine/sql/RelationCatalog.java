package io.trickle.engine.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks relations up in {@code pg_catalog}, through one session, and remembers what it found for the
 * duration of one derivation. Names are resolved the way PostgreSQL resolves them in that session
 * (its search_path, its quoting rules), by {@code to_regclass}.
 */
public final class RelationCatalog {

    private final Connection connection;
    private final Map<Long, Relation> byOid = new HashMap<>();
    private Set<String> aggregateNames;

    public RelationCatalog(Connection connection) {
        this.connection = connection;
    }

    /** The relation a name denotes, written as in SQL ({@code "My Schema".t}, {@code orders}). */
    public Optional<Relation> byName(String sqlName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, sqlName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(byOid(oid));
            }
        } catch (SQLException e) {
            // to_regclass still raises for syntactically impossible names.
            if ("42601".equals(e.getSQLState()) || "42602".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Relation byOid(long oid) throws SQLException {
        Relation known = byOid.get(oid);
        if (known != null) {
            return known;
        }
        String schema;
        String name;
        String relkind;
        String persistence;
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT n.nspname, c.relname, c.relkind, c.relpersistence
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = ?""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("relation with OID " + oid + " does not exist", "42P01");
                }
                schema = rs.getString(1);
                name = rs.getString(2);
                relkind = rs.getString(3);
                persistence = rs.getString(4);
            }
        }
        List<RelationColumn> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.attname, a.attnotnull, " + PgType.columnSql("a")
                + " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new RelationColumn(rs.getString(1), PgType.read(rs, 3), rs.getBoolean(2)));
                }
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT a.attname
                  FROM pg_index i
                  CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE i.indrelid = ? AND i.indisprimary
                 ORDER BY k.ord""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        Relation r = new Relation(oid, schema, name, RelationKind.of(relkind, schema, persistence), columns, pk, isStreamTable(oid));
        byOid.put(oid, r);
        return r;
    }

    private boolean isStreamTable(long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT to_regclass('pgtrickle.pgt_stream_tables') IS NOT NULL""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pgtrickle.pgt_stream_tables WHERE storage = ?::oid::regclass")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The definition of a view, as PostgreSQL prints it with every name it can qualify qualified (the
     * search_path is narrowed to pg_catalog while it prints, then given back), so that the text means
     * the same whatever search_path reads it later.
     */
    public String viewDefinition(long viewOid) throws SQLException {
        String searchPath;
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('search_path')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try {
            setSearchPath("pg_catalog");
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_viewdef(?::oid)")) {
                ps.setLong(1, viewOid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String sql = rs.getString(1).strip();
                    return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
                }
            }
        } finally {
            setSearchPath(searchPath);
        }
    }

    private void setSearchPath(String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }

    /** Names of every aggregate function visible in the database, built-in or user-defined. */
    public Set<String> aggregateNames() throws SQLException {
        if (aggregateNames == null) {
            Set<String> names = new HashSet<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT proname FROM pg_proc WHERE prokind = 'a'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            aggregateNames = names;
        }
        return aggregateNames;
    }

    /** A column of a query's output: the name PostgreSQL gives it and its type's name. */
    public record OutputColumn(String name, String typeName) {
    }

    /**
     * The output columns PostgreSQL gives a query the engine wrote (a set-returning function's, say),
     * by running it with {@code LIMIT 0} inside a savepoint: a query PostgreSQL refuses leaves the
     * transaction usable.
     */
    public List<OutputColumn> outputColumns(String query) throws SQLException {
        Savepoint sp = connection.setSavepoint("__pgt_output_columns");
        try (PreparedStatement ps = connection.prepareStatement(query + " LIMIT 0"); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<OutputColumn> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(new OutputColumn(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            connection.releaseSavepoint(sp);
            return out;
        } catch (SQLException e) {
            connection.rollback(sp);
            throw e;
        }
    }
}
