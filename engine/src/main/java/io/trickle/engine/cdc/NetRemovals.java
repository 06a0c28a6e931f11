package io.trickle.engine.cdc;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether rows went away in what some stream tables have not consumed yet: a change window (the
 * window rule of {@link ChangeWindows}) in which some row, seen through the columns the reader
 * uses, was removed more often than added, or the source was truncated. An UPDATE of a used
 * column counts (its old version went away); an update that the reader cannot see, a row deleted
 * and inserted again, or a stream table's own bookkeeping columns ({@code __pgt_count} moving with
 * the number of derivations behind a row) do not, because the row read is the same before and after.
 *
 * <p>A cycle of monotone stream tables can take additions differentially, but not removals: rows of
 * a cycle may support each other around it after the row that once derived them is gone. The
 * fixpoint run asks this question to decide whether to recompute the cycle instead. A window that
 * cannot be inspected (the source is not captured, or the reader has no frontier for it) counts as
 * a removal: nothing tells it is not one.
 */
public final class NetRemovals {

    private NetRemovals() {
    }

    private record Window(String reader, String source, String[] columns, String frontier, Long bufferId) {
    }

    /** The first window with a removal among the sources of {@code pgtIds}, described; empty when there is none. */
    public static Optional<String> find(Connection tx, Collection<Long> pgtIds) throws SQLException {
        for (Window w : windows(tx, pgtIds)) {
            if (w.frontier() == null || w.bufferId() == null) {
                return Optional.of(w.reader() + " cannot tell what changed in " + w.source()
                        + " (not captured, or never consumed)");
            }
            if (removes(tx, w)) {
                return Optional.of("rows were removed from " + w.source() + ", which " + w.reader() + " reads");
            }
        }
        return Optional.empty();
    }

    private static List<Window> windows(Connection tx, Collection<Long> pgtIds) throws SQLException {
        List<Window> out = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("""
                SELECT st.pgt_schema, st.pgt_name, d.source_schema, d.source_name, d.columns_used,
                       f.snapshot::text, ct.buffer_id
                  FROM pgtrickle.pgt_dependencies d
                  JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = d.pgt_id
                  LEFT JOIN pgtrickle.pgt_frontiers f ON f.pgt_id = d.pgt_id AND f.source = d.source
                  LEFT JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
                 WHERE d.pgt_id = ANY (?)
                 ORDER BY d.pgt_id, d.source_schema, d.source_name""")) {
            ps.setArray(1, tx.createArrayOf("bigint", pgtIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long buffer = rs.getLong(7);
                    Long bufferId = rs.wasNull() ? null : buffer;
                    out.add(new Window(QualifiedName.of(rs.getString(1), rs.getString(2)).toString(),
                            QualifiedName.of(rs.getString(3), rs.getString(4)).toString(),
                            (String[]) rs.getArray(5).getArray(), rs.getString(6), bufferId));
                }
            }
        }
        return out;
    }

    private static boolean removes(Connection tx, Window w) throws SQLException {
        Map<String, PgType> types = ChangeWindows.bufferTypes(tx, w.bufferId());
        List<String> group = new ArrayList<>();
        for (String column : w.columns()) {
            PgType type = types.get(column);
            if (type != null) {
                group.add(ExactImage.key("b." + PgQuote.ident(column), type));
            }
        }
        try (PreparedStatement ps = tx.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + CaptureInfo.qualifiedBuffer(w.bufferId())
                + " b WHERE " + ChangeWindows.windowCondition("b") + " AND b.action IN ('I', 'D', 'T')"
                + (group.isEmpty() ? "" : " GROUP BY " + String.join(", ", group))
                + " HAVING sum(CASE b.action WHEN 'I' THEN 1 WHEN 'D' THEN -1 ELSE 0 END) < 0 OR bool_or(b.action = 'T'))")) {
            ps.setString(1, w.frontier());
            ps.setString(2, w.frontier());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
