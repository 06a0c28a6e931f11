package io.trickle.engine.refresh;

import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.dvm.StorageColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings an existing storage table to a new column layout (after ALTER … --query, or when source
 * DDL changed what the query yields) while keeping the table itself — its OID, grants, user indexes
 * and the views that read it. Columns are dropped, retyped and added in place; the new contents are
 * written afterwards by a FULL refresh. When that cannot keep the user columns in the query's order,
 * or something depends on a column that must go or change type, the change is refused with the
 * names of the dependants; nothing is left half done (the caller's transaction rolls back).
 */
final class StorageReconciler {

    private StorageReconciler() {
    }

    /** Whether the table already has exactly the spec's columns and types. */
    static boolean matches(Connection c, long storageOid, StorageSpec spec) throws SQLException {
        Map<String, String> now = current(c, storageOid);
        if (now.size() != spec.columns().size()) {
            return false;
        }
        for (StorageColumn col : spec.columns()) {
            if (!col.type().declaration().equals(now.get(col.name()))) {
                return false;
            }
        }
        return userOrder(c, storageOid).equals(spec.userColumns().stream().map(StorageColumn::name).toList());
    }

    static void reconcile(Connection c, long storageOid, String table, StorageSpec spec) throws SQLException {
        if (matches(c, storageOid, spec)) {
            return;
        }
        Map<String, String> now = current(c, storageOid);
        Map<String, StorageColumn> wanted = new LinkedHashMap<>();
        spec.columns().forEach(col -> wanted.put(col.name(), col));
        Savepoint sp = c.setSavepoint("__pgt_reconcile");
        try (Statement st = c.createStatement()) {
            for (String name : now.keySet()) {
                if (!wanted.containsKey(name)) {
                    st.execute("ALTER TABLE " + table + " DROP COLUMN " + PgQuote.ident(name));
                }
            }
            boolean emptied = false;
            for (StorageColumn col : spec.columns()) {
                String type = now.get(col.name());
                if (type != null && !type.equals(col.type().declaration())) {
                    if (!emptied) {
                        // A retyped column's values are gone (USING NULL): rows whose key became NULL
                        // would share one row id. The full refresh that follows writes every row again.
                        st.execute("DELETE FROM " + table);
                        emptied = true;
                    }
                    st.execute("ALTER TABLE " + table + " ALTER COLUMN " + PgQuote.ident(col.name()) + " TYPE "
                            + col.type().declaration() + " USING NULL");
                }
            }
            for (StorageColumn col : spec.columns()) {
                if (!now.containsKey(col.name())) {
                    st.execute("ALTER TABLE " + table + " ADD COLUMN " + PgQuote.ident(col.name()) + " " + col.type().declaration());
                }
            }
        } catch (SQLException e) {
            c.rollback(sp);
            throw refused(c, storageOid, table, e.getMessage());
        }
        List<String> order = userOrder(c, storageOid);
        if (!order.equals(spec.userColumns().stream().map(StorageColumn::name).toList())) {
            c.rollback(sp);
            throw refused(c, storageOid, table, "the new columns would not keep the query's column order");
        }
    }

    private static ActionFailedException refused(Connection c, long storageOid, String table, String why) throws SQLException {
        List<String> dependants = dependants(c, storageOid);
        return new ActionFailedException("cannot change the columns of stream table " + table + " in place: " + why
                + (dependants.isEmpty() ? "" : "; objects that depend on it: " + String.join(", ", dependants)
                + " (drop them first, or keep the columns compatible)"));
    }

    /** Views, materialized views and rules that read the table. */
    static List<String> dependants(Connection c, long storageOid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT r.ev_class::regclass::text
                  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                 WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = ? AND r.ev_class <> ?
                 ORDER BY 1""")) {
            ps.setLong(1, storageOid);
            ps.setLong(2, storageOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, String> current(Connection c, long storageOid) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] col : StorageTables.currentColumns(c, storageOid)) {
            out.put(col[0], col[1]);
        }
        return out;
    }

    private static List<String> userOrder(Connection c, long storageOid) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] col : StorageTables.currentColumns(c, storageOid)) {
            if (!col[0].startsWith("__pgt_")) {
                out.add(col[0]);
            }
        }
        return out;
    }
}
