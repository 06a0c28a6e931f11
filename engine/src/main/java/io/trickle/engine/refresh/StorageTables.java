package io.trickle.engine.refresh;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.sql.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DDL of storage tables (DESIGN §2): the user's columns with the query's names and types, the
 * engine's {@code __pgt_} columns, an index on {@code __pgt_row_id} (unique when rows have a key),
 * and the guard that refuses writes by anyone but the engine.
 */
public final class StorageTables {

    private static final String GUARD = "pgtrickle_guard";
    private static final String GUARD_TRUNCATE = "pgtrickle_guard_truncate";

    private StorageTables() {
    }

    /** Creates the storage table and returns its OID. */
    public static long create(Connection c, String schema, String name, StorageSpec spec, String comment) throws SQLException {
        String table = PgQuote.qualified(schema, name);
        List<String> defs = new ArrayList<>();
        defs.add("__pgt_row_id bigint NOT NULL");
        for (StorageColumn col : spec.columns()) {
            defs.add(PgQuote.ident(col.name()) + " " + col.type().declaration());
        }
        try (Statement st = c.createStatement()) {
            // A keyed table's differential refreshes update rows in place: with room left on each page
            // those updates stay on the page (HOT) and leave the row-id index alone.
            st.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")"
                    + (spec.identity().keyed() ? " WITH (fillfactor = 90)" : ""));
            createRowIdIndex(st, table, spec);
            st.execute("CREATE TRIGGER " + GUARD + " BEFORE INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION pgtrickle.guard_stream_table()");
            st.execute("CREATE TRIGGER " + GUARD_TRUNCATE + " BEFORE TRUNCATE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION pgtrickle.guard_stream_table()");
            st.execute("COMMENT ON TABLE " + table + " IS " + PgQuote.literal(comment));
        }
        return oid(c, schema, name);
    }

    /**
     * Gives every row the id the spec derives from its contents, where it has another. A refresh finds
     * the rows it replaces by their ids: a row still carrying an id of the former identity (a key's
     * hash where the content's is expected now, or another key's) would never be found, and a
     * recompute would leave it beside its new version.
     */
    public static void reidentify(Connection c, String table, StorageSpec spec) throws SQLException {
        try (Statement st = c.createStatement()) {
            reidentify(st, table, spec);
        }
    }

    private static void reidentify(Statement st, String table, StorageSpec spec) throws SQLException {
        String id = spec.rowIdExpr("s");
        st.execute("UPDATE " + table + " s SET __pgt_row_id = " + id + " WHERE s.__pgt_row_id IS DISTINCT FROM " + id);
    }

    private static void createRowIdIndex(Statement st, String table, StorageSpec spec) throws SQLException {
        st.execute("CREATE " + (spec.identity().keyed() ? "UNIQUE " : "") + "INDEX ON " + table + " (__pgt_row_id)");
    }

    /** Replaces the row-id index when the row identity changes (keyed ↔ content) after an alter. */
    public static void rebuildRowIdIndex(Connection c, long storageOid, String table, StorageSpec spec) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT format('%I.%I', n.nspname, i.relname)
                  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
                 WHERE x.indrelid = ? AND x.indnatts = 1
                   AND x.indkey[0] = (SELECT attnum FROM pg_attribute WHERE attrelid = ? AND attname = '__pgt_row_id')""")) {
            ps.setLong(1, storageOid);
            ps.setLong(2, storageOid);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            try (Statement st = c.createStatement()) {
                for (String index : indexes) {
                    st.execute("DROP INDEX " + index);
                }
                reidentify(st, table, spec);
                createRowIdIndex(st, table, spec);
            }
        }
    }

    public static long oid(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, PgQuote.qualified(schema, name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? 0 : oid;
            }
        }
    }

    /** The columns the storage table has now (besides {@code __pgt_row_id}), name → declared type (with its collation). */
    public static List<String[]> currentColumns(Connection c, long storageOid) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, " + PgType.declaredColumnSql("a") + " FROM pg_attribute a"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> '__pgt_row_id' ORDER BY a.attnum")) {
            ps.setLong(1, storageOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), PgType.read(rs, 2).declaration()});
                }
            }
        }
        return out;
    }
}
