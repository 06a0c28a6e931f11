package io.trickle.engine.lifecycle;

import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import io.trickle.engine.graph.DependencyGraph;
import io.trickle.engine.graph.SccNumbering;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Keeps {@code pgt_stream_tables.scc_id} in step with the dependency graph after create, alter and
 * drop, in the caller's transaction ({@link SccNumbering} says which number each cycle gets; fresh
 * numbers come from the sequence {@code pgt_scc_id_seq}, so none is ever reused).
 */
final class SccMembership {

    private SccMembership() {
    }

    /** Renumbers the cycles; returns the number of every table that is in one. */
    static Map<Long, Integer> update(Connection c) throws SQLException {
        DependencyGraph graph = CatalogGraph.read(c);
        StreamTableRepository tables = new StreamTableRepository();
        Map<Long, Integer> current = new HashMap<>();
        for (StreamTableRow row : tables.all(c)) {
            current.put(row.id(), row.sccId());
        }
        Map<Long, Integer> assigned;
        try {
            assigned = SccNumbering.assign(graph, current, freshNumbers(c));
        } catch (NumberingFailed e) {
            throw e.getCause();
        }
        for (Map.Entry<Long, Integer> e : current.entrySet()) {
            Integer wanted = assigned.get(e.getKey());
            if (!Objects.equals(e.getValue(), wanted)) {
                tables.update(c, e.getKey(), "scc_id = ?", wanted);
            }
        }
        return assigned;
    }

    /**
     * Makes the scheduler recompute cycle {@code sccId} from empty tables at its next run: needed
     * whenever a member's query or mode changed, because the members' rows were derived from the old
     * definition and, inside a cycle, rows can keep each other alive after their reason is gone.
     */
    static void recomputeFromScratch(Connection c, int sccId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE pgtrickle.pgt_stream_tables SET needs_reinit = true, reinit_reason = ?, updated_at = now()
                 WHERE scc_id = ?""")) {
            ps.setString(1, reason);
            ps.setInt(2, sccId);
            ps.executeUpdate();
        }
    }

    private static IntSupplier freshNumbers(Connection c) {
        return () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('pgtrickle.pgt_scc_id_seq')::int");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            } catch (SQLException e) {
                throw new NumberingFailed(e);
            }
        };
    }

    /** Carries a database error out of the numbering's supplier. */
    private static final class NumberingFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NumberingFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
