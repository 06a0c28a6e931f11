package io.trickle.engine.catalog;

import io.trickle.engine.api.SccStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reads the cycles of stream tables as {@code pgtrickle.pgt_scc_status()} reports them (DESIGN §5). */
public final class CycleRepository {

    /** Every strongly connected component, by id. */
    public List<SccStatus> status(Connection c) throws SQLException {
        List<SccStatus> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT scc_id, members, last_iterations, last_converged_at FROM pgtrickle.pgt_scc_status()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp converged = rs.getTimestamp(4);
                out.add(new SccStatus(rs.getInt(1), List.of((String[]) rs.getArray(2).getArray()),
                        (Integer) rs.getObject(3), converged == null ? null : converged.toInstant()));
            }
        }
        return out;
    }
}
