package io.trickle.engine.refresh;

import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.render.SqlWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a change of storage rows — rows with a weight, as the delta paths produce them — to the
 * storage table. The change is first consolidated (summed per distinct row; rows that cancel
 * vanish), then: with unique row ids, a row id with a positive row is inserted or updated in place
 * and one with only a negative row is deleted; with shared content-hash ids, |w| copies are deleted
 * or w copies inserted. The counts returned are the net change of the table.
 */
final class StorageApplier {

    /** Rows added and removed. */
    record Applied(long inserted, long deleted) {
        boolean changed() {
            return inserted + deleted > 0;
        }
    }

    private static final String APPLY = "__pgt_apply";

    private StorageApplier() {
    }

    static Applied apply(Connection c, String storageTable, StorageSpec spec, String change) throws SQLException {
        consolidate(c, spec, change);
        long inserted;
        long deleted;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(__pgt_w) FILTER (WHERE __pgt_w > 0), 0)::bigint,"
                     + " coalesce(-sum(__pgt_w) FILTER (WHERE __pgt_w < 0), 0)::bigint FROM " + APPLY)) {
            rs.next();
            inserted = rs.getLong(1);
            deleted = rs.getLong(2);
        }
        if (inserted + deleted == 0) {
            return new Applied(0, 0);
        }
        if (spec.identity().keyed()) {
            requireUniqueIds(c);
            applyKeyed(c, storageTable, spec);
        } else {
            applyCounted(c, storageTable, spec);
        }
        return new Applied(inserted, deleted);
    }

    /**
     * Sums the weights per distinct storage row into a temporary table, with the row ids. Rows are
     * told apart by their image, not by their type's equality: {@code 'a'} and {@code 'A'} under a
     * case-insensitive collation, or {@code 1.0} and {@code 1.00}, are equal but not the same row, and
     * a change from one to the other must reach the table rather than cancel out.
     */
    private static void consolidate(Connection c, StorageSpec spec, String change) throws SQLException {
        List<String> select = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (StorageColumn col : spec.columns()) {
            String d = "d." + ident(col.name());
            if (col.type().hasEquality()) {
                select.add(d);
                group.add(d);
                if (!col.type().oneFormPerValue()) {
                    group.add(image(d));
                }
            } else {
                select.add("(array_agg(" + d + "))[1] AS " + ident(col.name()));
                group.add(SqlWriter.comparable(d, col.type()));
            }
        }
        String sql = "CREATE TEMP TABLE " + APPLY + " ON COMMIT DROP AS SELECT " + spec.rowIdExpr("c") + " AS __pgt_row_id, c.* FROM ("
                + "SELECT " + String.join(", ", select) + ", sum(d.__pgt_w)::bigint AS __pgt_w FROM (" + change + ") d"
                + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
                + " HAVING sum(d.__pgt_w) <> 0) c";
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_temp." + APPLY);
            st.execute(sql);
            st.execute("CREATE INDEX ON " + APPLY + " (__pgt_row_id)");
            st.execute("ANALYZE " + APPLY);
        }
    }

    /**
     * With unique row ids, each id has at most one row removed (its old version) and one added (its
     * new version). Anything else means the derived key is not a key: fail rather than corrupt.
     */
    private static void requireUniqueIds(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT __pgt_row_id FROM " + APPLY + " GROUP BY __pgt_row_id"
                     + " HAVING sum(greatest(__pgt_w, 0)) > 1 OR sum(greatest(-__pgt_w, 0)) > 1 LIMIT 1")) {
            if (rs.next()) {
                throw new SQLException("internal error: the change has several rows for one unique row id ("
                        + rs.getLong(1) + "); the refresh was rolled back", "XX000");
            }
        }
    }

    private static void applyKeyed(Connection c, String table, StorageSpec spec) throws SQLException {
        List<String> set = new ArrayList<>();
        for (StorageColumn col : spec.columns()) {
            set.add(ident(col.name()) + " = a." + ident(col.name()));
        }
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + table + " s USING (SELECT __pgt_row_id FROM " + APPLY
                    + " GROUP BY __pgt_row_id HAVING max(__pgt_w) < 0) a WHERE s.__pgt_row_id = a.__pgt_row_id");
            st.execute("UPDATE " + table + " s SET " + String.join(", ", set) + " FROM " + APPLY
                    + " a WHERE a.__pgt_w > 0 AND s.__pgt_row_id = a.__pgt_row_id");
            st.execute("INSERT INTO " + table + " (__pgt_row_id, " + spec.columnList() + ") SELECT a.__pgt_row_id, "
                    + spec.columnList("a") + " FROM " + APPLY + " a WHERE a.__pgt_w > 0 AND NOT EXISTS (SELECT 1 FROM "
                    + table + " s WHERE s.__pgt_row_id = a.__pgt_row_id)");
        }
    }

    /**
     * With shared content-hash ids: |w| copies deleted, w copies inserted. Copies are deleted by
     * equality (a delta may name a removed value by another image of it, as a set operation's does),
     * preferring, among equal stored copies, those written exactly as a removed row is.
     */
    private static void applyCounted(Connection c, String table, StorageSpec spec) throws SQLException {
        List<String> same = new ArrayList<>();
        List<String> partition = new ArrayList<>();
        List<String> removedCols = new ArrayList<>();
        List<String> removedGroup = new ArrayList<>();
        List<String> sameImage = new ArrayList<>();
        partition.add("s.__pgt_row_id");
        boolean imagesDiffer = false;
        for (StorageColumn col : spec.columns()) {
            String name = ident(col.name());
            same.add(SqlWriter.sameValue("s." + name, "n." + name, col.type()));
            partition.add(SqlWriter.comparable("s." + name, col.type()));
            removedCols.add(col.type().hasEquality() ? "a." + name : "min((a." + name + ")::text) AS " + name);
            removedGroup.add(SqlWriter.comparable("a." + name, col.type()));
            sameImage.add(image("s." + name) + " IS NOT DISTINCT FROM " + image("e." + name));
            imagesDiffer |= !col.type().oneFormPerValue();
        }
        String exactFirst = imagesDiffer ? "(EXISTS (SELECT 1 FROM " + APPLY + " e WHERE e.__pgt_w < 0"
                + " AND e.__pgt_row_id = s.__pgt_row_id AND " + String.join(" AND ", sameImage) + ")) DESC, " : "";
        String removed = "SELECT a.__pgt_row_id, " + String.join(", ", removedCols) + ", sum(a.__pgt_w) AS __pgt_w FROM "
                + APPLY + " a WHERE a.__pgt_w < 0 GROUP BY a.__pgt_row_id, " + String.join(", ", removedGroup);
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT x.ctid FROM (SELECT s.ctid, n.__pgt_w,"
                    + " row_number() OVER (PARTITION BY " + String.join(", ", partition) + " ORDER BY " + exactFirst + "s.ctid) AS rn"
                    + " FROM " + table + " s JOIN (" + removed + ") n ON s.__pgt_row_id = n.__pgt_row_id AND "
                    + String.join(" AND ", same) + ") x WHERE x.rn <= -x.__pgt_w))");
            st.execute("INSERT INTO " + table + " (__pgt_row_id, " + spec.columnList() + ") SELECT a.__pgt_row_id, "
                    + spec.columnList("a") + " FROM " + APPLY + " a CROSS JOIN LATERAL generate_series(1, a.__pgt_w)"
                    + " WHERE a.__pgt_w > 0");
        }
    }

    /** A value's written form, compared byte for byte: equal values written differently differ here. */
    private static String image(String sql) {
        return "(" + sql + ")::text COLLATE \"C\"";
    }

    /** The change that turns the storage table's contents into the query's current result. */
    static String fullChange(String storageTable, StorageSpec spec) {
        return "SELECT " + spec.columnList("f") + ", 1::bigint AS __pgt_w FROM (" + spec.fullSql() + ") f"
                + " UNION ALL SELECT " + spec.columnList("s") + ", -1::bigint FROM " + storageTable + " s";
    }

    /** Fills an empty storage table (the first population). */
    static long populate(Connection c, String storageTable, StorageSpec spec) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("INSERT INTO " + storageTable + " (__pgt_row_id, " + spec.columnList() + ") SELECT "
                    + spec.rowIdExpr("f") + ", " + spec.columnList("f") + " FROM (" + spec.fullSql() + ") f");
        }
    }
}
