package io.trickle.engine.watermark;

import io.trickle.engine.refresh.RefreshPrecondition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stream tables watermark gating holds back.
 *
 * <p>A table is held back while some watermark group that concerns it is not aligned. A group
 * concerns a table when at least two of the group's sources are among the relations the table reads,
 * directly or through the stream tables it reads (followed to any depth, so a report over two
 * summaries waits for the loads beneath both). One source alone is aligned with itself, so a group
 * with a single member beneath a table does not concern it.
 *
 * <p>Whether a group is aligned is not decided here: the query reads
 * {@code pgtrickle.watermark_alignment()}, the same rule {@code watermark_status()} reports, so a
 * group shown as aligned never holds a table back and vice versa. The whole group is judged, not
 * only the sources beneath the table: a group declares that its sources are loaded together.
 *
 * <p>Asked before a refresh starts, the gate saves starting one that would be skipped; asked again
 * inside the refresh transaction (as its {@link RefreshPrecondition}), it judges the very snapshot
 * the refresh reads, so a loader that commits its rows and its watermark in between cannot slip
 * half-loaded data into the table.
 */
public final class WatermarkGate implements RefreshPrecondition {

    /** A stream table that may not refresh now, and the groups that hold it back. */
    public record HeldBack(long pgtId, String schema, String name, List<Misalignment> groups) {

        public HeldBack {
            groups = List.copyOf(groups);
        }

        /** The reason recorded with the skip: {@code watermark_misaligned: group ... waits for ...}. */
        public String reason() {
            return Misalignment.reason(groups);
        }
    }

    private static final String HELD_BACK = """
            WITH RECURSIVE beneath(pgt_id, source) AS (
                SELECT d.pgt_id, d.source FROM pgtrickle.pgt_dependencies d WHERE d.pgt_id = ANY (?)
                UNION
                SELECT b.pgt_id, d.source
                  FROM beneath b
                  JOIN pgtrickle.pgt_stream_tables up ON up.storage = b.source
                  JOIN pgtrickle.pgt_dependencies d ON d.pgt_id = up.pgt_id
            )
            SELECT st.pgt_id, st.pgt_schema, st.pgt_name, a.group_name, a.lagging_sources, a.min_watermark,
                   a.max_watermark, %s, %s, a.sources_with_watermark, a.sources_total
              FROM pgtrickle.watermark_alignment() a
              JOIN LATERAL (SELECT b.pgt_id FROM beneath b WHERE b.source = ANY (a.sources)
                             GROUP BY b.pgt_id HAVING count(DISTINCT b.source) >= 2) concerned ON true
              JOIN pgtrickle.pgt_stream_tables st ON st.pgt_id = concerned.pgt_id
             WHERE NOT a.aligned
             ORDER BY st.pgt_id, a.group_name""".formatted(Intervals.seconds("a.lag"), Intervals.seconds("a.tolerance"));

    /**
     * The tables among {@code pgtIds} that are held back, by id. Empty when the catalog predates
     * watermarks (no group can exist there).
     */
    public Map<Long, HeldBack> heldBack(Connection c, Collection<Long> pgtIds) throws SQLException {
        if (pgtIds.isEmpty() || !installed(c)) {
            return Map.of();
        }
        Map<Long, String[]> names = new LinkedHashMap<>();
        Map<Long, List<Misalignment>> groups = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(HELD_BACK)) {
            ps.setArray(1, c.createArrayOf("bigint", pgtIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    names.put(id, new String[] {rs.getString(2), rs.getString(3)});
                    groups.computeIfAbsent(id, k -> new ArrayList<>()).add(new Misalignment(rs.getString(4),
                            Arrays.asList((String[]) rs.getArray(5).getArray()), Watermarks.instant(rs, 6), Watermarks.instant(rs, 7),
                            Intervals.fromSeconds(rs.getBigDecimal(8)), Intervals.fromSeconds(rs.getBigDecimal(9)),
                            rs.getInt(10), rs.getInt(11)));
                }
            }
        }
        Map<Long, HeldBack> out = new LinkedHashMap<>();
        groups.forEach((id, g) -> out.put(id, new HeldBack(id, names.get(id)[0], names.get(id)[1], g)));
        return out;
    }

    /** As a refresh's precondition: the reason {@code pgtId} is held back in {@code tx}'s snapshot, or null. */
    @Override
    public String holdBack(Connection tx, long pgtId) throws SQLException {
        HeldBack held = heldBack(tx, List.of(pgtId)).get(pgtId);
        return held == null ? null : held.reason();
    }

    /** Whether the catalog has watermarks (version 0.7.0.1 or later). */
    static boolean installed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT to_regprocedure('pgtrickle.watermark_alignment()') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
