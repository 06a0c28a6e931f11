package io.trickle.engine.refresh;

import static io.trickle.engine.dvm.render.SqlWriter.ident;

import io.trickle.engine.cdc.ExactImage;
import io.trickle.engine.dvm.StorageColumn;
import io.trickle.engine.dvm.render.SqlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The one statement that applies a change to a storage table. A change is rows of the storage
 * columns with a weight ({@code __pgt_w}), as the delta and full paths produce them; the statement
 * consolidates it (sums the weights per distinct row — by exact image — so that rows that cancel
 * vanish), applies it
 * and returns one row: rows inserted, rows deleted (the net change of the table, an updated row
 * counting once in each) and the number of row ids the change contradicts (see below).
 *
 * <ul>
 *   <li>With unique row ids (a key was derived), each id has at most one row removed (its old
 *       version) and one added (its new version): an id with an added row is updated in place when
 *       the table has it and inserted otherwise, an id with only a removed row is deleted — three
 *       sub-statements over the row-id index that see the table as it was, so they never meet. (An
 *       {@code INSERT … ON CONFLICT DO UPDATE} costs about three times an {@code UPDATE … FROM} per
 *       updated row: it probes the index, then locks and re-fetches the row.) Anything else means the
 *       derived key is not a key: the count comes back non-zero and the caller fails rather than
 *       corrupt the table.</li>
 *   <li>With shared content-hash ids (keyless results, duplicate rows), |w| copies of a removed row
 *       are deleted (by equality, exact images first) and w copies of an added one inserted.</li>
 * </ul>
 *
 * <p>Why one statement of writable CTEs and not MERGE: PostgreSQL 15 has MERGE but not
 * {@code MERGE … RETURNING}, and the refresh must report how many rows it added and removed; the
 * sub-statements of one statement all see the table as it was before it, which is exactly what
 * the parts (delete, update, insert, count) need.
 */
final class ApplyStatement {

    static final String CHANGE = "__pgt_change";

    private ApplyStatement() {
    }

    /**
     * @param leadingCtes CTE definitions ({@code name AS (…)}) the change may read, or none
     * @param change      the change: storage columns and {@code __pgt_w}
     * @param into        the PL/pgSQL targets of the three counts, or null for a plain statement
     */
    static String apply(String storage, StorageSpec spec, List<String> leadingCtes, String change, String into) {
        List<String> ctes = new ArrayList<>(leadingCtes);
        ctes.add(CHANGE + " AS MATERIALIZED (\n  " + consolidation(spec, change) + "\n)");
        String contradictions;
        if (spec.identity().keyed()) {
            ctes.addAll(keyed(storage, spec));
            contradictions = "(SELECT count(*) FROM (SELECT 1 FROM " + CHANGE + " y GROUP BY y.__pgt_row_id"
                    + " HAVING sum(greatest(y.__pgt_w, 0)) > 1 OR sum(greatest(-y.__pgt_w, 0)) > 1) z)";
        } else {
            ctes.addAll(counted(storage, spec));
            contradictions = "0::bigint";
        }
        return "WITH " + String.join(",\n", ctes) + "\nSELECT coalesce(sum(x.__pgt_w) FILTER (WHERE x.__pgt_w > 0), 0)::bigint,"
                + " coalesce(-sum(x.__pgt_w) FILTER (WHERE x.__pgt_w < 0), 0)::bigint, " + contradictions
                + (into == null ? "" : " INTO " + into) + " FROM " + CHANGE + " x";
    }

    /** Fills an empty storage table (the first population); its row count is the rows inserted. */
    static String populate(String storage, StorageSpec spec) {
        return "INSERT INTO " + storage + " (__pgt_row_id, " + spec.columnList() + ") SELECT " + spec.rowIdExpr("f") + ", "
                + spec.columnList("f") + " FROM (" + spec.fullSql() + ") f";
    }

    /** The change that turns the storage table's contents into the query's current result. */
    static String fullChange(String storage, StorageSpec spec) {
        return "SELECT " + spec.columnList("f") + ", 1::bigint AS __pgt_w FROM (" + spec.fullSql() + ") f"
                + " UNION ALL SELECT " + spec.columnList("s") + ", -1::bigint FROM " + storage + " s";
    }

    /** Sums the weights per distinct storage row, with the row ids. */
    private static String consolidation(StorageSpec spec, String change) {
        List<String> select = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (StorageColumn col : spec.columns()) {
            // By exact image: a value PostgreSQL calls equal but writes differently (1.0 and 1.00) is a
            // change a reader sees, not a row that cancels.
            String d = "d." + ident(col.name());
            String key = ExactImage.key(d, col.type());
            group.add(key);
            select.add((key.equals(d) ? d : ExactImage.representative(d, col.type())) + " AS " + ident(col.name()));
        }
        return "SELECT " + spec.rowIdExpr("c") + " AS __pgt_row_id, c.* FROM ("
                + "SELECT " + String.join(", ", select) + ", sum(d.__pgt_w)::bigint AS __pgt_w FROM (" + change + ") d"
                + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
                + " HAVING sum(d.__pgt_w) <> 0) c";
    }

    private static List<String> keyed(String storage, StorageSpec spec) {
        List<String> set = new ArrayList<>();
        for (StorageColumn col : spec.columns()) {
            set.add(ident(col.name()) + " = y." + ident(col.name()));
        }
        return List.of(
                "__pgt_deleted AS (\n  DELETE FROM " + storage + " s USING (SELECT y.__pgt_row_id FROM " + CHANGE
                        + " y GROUP BY y.__pgt_row_id HAVING max(y.__pgt_w) < 0) x WHERE s.__pgt_row_id = x.__pgt_row_id"
                        + " RETURNING 1\n)",
                "__pgt_updated AS (\n  UPDATE " + storage + " s SET " + String.join(", ", set) + " FROM " + CHANGE
                        + " y WHERE y.__pgt_w > 0 AND s.__pgt_row_id = y.__pgt_row_id RETURNING s.__pgt_row_id\n)",
                // What the update did not find is new: read from its output (in memory), not probed again.
                "__pgt_inserted AS (\n  INSERT INTO " + storage + " (__pgt_row_id, " + spec.columnList() + ") SELECT"
                        + " y.__pgt_row_id, " + spec.columnList("y") + " FROM " + CHANGE + " y WHERE y.__pgt_w > 0"
                        + " AND NOT EXISTS (SELECT 1 FROM __pgt_updated u WHERE u.__pgt_row_id = y.__pgt_row_id) RETURNING 1\n)");
    }

    /**
     * With shared content-hash ids: |w| copies of a removed row deleted, w copies of an added one
     * inserted. Copies are deleted by equality — a delta may name a removed value by another image
     * of it, as a set operation's does — so the removed rows are first summed per value (two removed
     * images of one value remove two copies of it), and among equal stored copies those written
     * exactly as a removed row is go first.
     */
    private static List<String> counted(String storage, StorageSpec spec) {
        List<String> same = new ArrayList<>();
        List<String> partition = new ArrayList<>();
        List<String> removedColumns = new ArrayList<>();
        List<String> removedGroup = new ArrayList<>();
        List<String> sameImage = new ArrayList<>();
        boolean imagesDiffer = false;
        partition.add("s.__pgt_row_id");
        for (StorageColumn col : spec.columns()) {
            String name = ident(col.name());
            same.add(SqlWriter.sameValue("s." + name, "n." + name, col.type()));
            partition.add(SqlWriter.comparable("s." + name, col.type()));
            removedColumns.add(col.type().hasEquality() ? "a." + name : "min((a." + name + ")::text) AS " + name);
            removedGroup.add(SqlWriter.comparable("a." + name, col.type()));
            sameImage.add(ExactImage.sameImage("s." + name, "e." + name, col.type()));
            imagesDiffer |= !col.type().oneFormPerValue();
        }
        String removed = "SELECT a.__pgt_row_id, " + String.join(", ", removedColumns) + ", sum(a.__pgt_w) AS __pgt_w FROM "
                + CHANGE + " a WHERE a.__pgt_w < 0 GROUP BY a.__pgt_row_id, " + String.join(", ", removedGroup);
        String exactFirst = imagesDiffer ? "(EXISTS (SELECT 1 FROM " + CHANGE + " e WHERE e.__pgt_w < 0"
                + " AND e.__pgt_row_id = s.__pgt_row_id AND " + String.join(" AND ", sameImage) + ")) DESC, " : "";
        return List.of(
                "__pgt_deleted AS (\n  DELETE FROM " + storage + " WHERE ctid = ANY (ARRAY(SELECT x.ctid FROM (SELECT s.ctid,"
                        + " n.__pgt_w, row_number() OVER (PARTITION BY " + String.join(", ", partition) + " ORDER BY "
                        + exactFirst + "s.ctid) AS rn FROM " + storage + " s JOIN (" + removed + ") n"
                        + " ON s.__pgt_row_id = n.__pgt_row_id AND " + String.join(" AND ", same)
                        + ") x WHERE x.rn <= -x.__pgt_w)) RETURNING 1\n)",
                "__pgt_inserted AS (\n  INSERT INTO " + storage + " (__pgt_row_id, " + spec.columnList() + ") SELECT"
                        + " a.__pgt_row_id, " + spec.columnList("a") + " FROM " + CHANGE
                        + " a CROSS JOIN LATERAL generate_series(1, a.__pgt_w) WHERE a.__pgt_w > 0 RETURNING 1\n)");
    }
}
