package io.trickle.engine.cdc;

import io.trickle.engine.catalog.DependencyRepository;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of many stream tables have something to refresh, found in two round trips instead of one
 * refresh each. A table needs a refresh when any of its sources has a row in its change window
 * (the window rule of {@link ChangeWindows}), was dropped, or had a used column changed (the
 * fingerprint of {@link DependencyRepository}); or when a source cannot be checked at all — it is not
 * captured (a system catalog, say) or the table has no frontier for it. A view has no buffer of its
 * own: its changes are those of the relations beneath it, recorded beside it, and only its definition
 * (in its fingerprint) is checked.
 *
 * <p>Run it in a REPEATABLE READ transaction: the answer then holds for that transaction's snapshot,
 * which is what lets the scheduler treat a table found quiet as refreshed up to that snapshot.
 */
public final class PendingChanges {

    /** Branches per statement: one EXISTS per source, two bound values each. */
    private static final int BATCH = 200;

    private PendingChanges() {
    }

    /** One source to check; {@code frontier} is null for a view (checked by fingerprint only). */
    private record Check(long pgtId, long sourceOid, String[] columns, String fingerprint, String frontier,
                         long bufferId) {
    }

    /** The subset of {@code pgtIds} that has something to refresh. */
    public static Set<Long> needingRefresh(Connection tx, Collection<Long> pgtIds) throws SQLException {
        Set<Long> out = new HashSet<>();
        if (pgtIds.isEmpty()) {
            return out;
        }
        List<Check> checks = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("""
                SELECT d.pgt_id, d.source::oid, d.columns_used, d.column_fingerprint, f.snapshot::text, ct.buffer_id,
                       d.source_type = 'VIEW'
                  FROM pgtrickle.pgt_dependencies d
                  LEFT JOIN pgtrickle.pgt_frontiers f ON f.pgt_id = d.pgt_id AND f.source = d.source
                  LEFT JOIN pgtrickle.pgt_change_tracking ct ON ct.source = d.source
                 WHERE d.pgt_id = ANY (?)""")) {
            ps.setArray(1, tx.createArrayOf("bigint", pgtIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pgtId = rs.getLong(1);
                    String frontier = rs.getString(5);
                    long bufferId = rs.getLong(6);
                    boolean noBuffer = rs.wasNull();
                    if (rs.getBoolean(7)) {
                        checks.add(new Check(pgtId, rs.getLong(2), (String[]) rs.getArray(3).getArray(), rs.getString(4),
                                null, -1));
                    } else if (frontier == null || noBuffer) {
                        out.add(pgtId);
                    } else {
                        checks.add(new Check(pgtId, rs.getLong(2), (String[]) rs.getArray(3).getArray(), rs.getString(4),
                                frontier, bufferId));
                    }
                }
            }
        }
        checks.removeIf(c -> out.contains(c.pgtId()));
        for (int from = 0; from < checks.size(); from += BATCH) {
            out.addAll(changed(tx, checks.subList(from, Math.min(checks.size(), from + BATCH))));
        }
        return out;
    }

    private static Set<Long> changed(Connection tx, List<Check> checks) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Check c : checks) {
            if (sql.length() > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT ?::bigint WHERE NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = ?::oid) OR ")
                    .append(DependencyRepository.FINGERPRINT_SQL).append(" IS DISTINCT FROM ?");
            if (c.frontier() != null) {
                sql.append(" OR EXISTS (SELECT 1 FROM ").append(CaptureInfo.qualifiedBuffer(c.bufferId())).append(" b WHERE ")
                        .append(ChangeWindows.windowCondition("b")).append(")");
            }
        }
        Set<Long> out = new HashSet<>();
        try (PreparedStatement ps = tx.prepareStatement(sql.toString())) {
            int i = 1;
            for (Check c : checks) {
                Array columns = tx.createArrayOf("text", c.columns());
                ps.setLong(i++, c.pgtId());
                ps.setLong(i++, c.sourceOid());
                ps.setLong(i++, c.sourceOid());
                ps.setArray(i++, columns);
                ps.setString(i++, c.fingerprint());
                if (c.frontier() != null) {
                    ps.setString(i++, c.frontier());
                    ps.setString(i++, c.frontier());
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
