package io.trickle.engine.catalog;

import io.trickle.engine.api.ChangeBufferStatus;
import io.trickle.engine.api.HealthProblem;
import io.trickle.engine.api.StreamTableLag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code V0_7_0_9__health.sql} defines: {@code health()}, {@code stream_table_lag} and
 * {@code change_buffers()}. Intervals come back as seconds (a double), read into {@link Duration}s.
 */
public final class HealthRepository {

    /** One row per problem, worst first. */
    public List<HealthProblem> problems(Connection c) throws SQLException {
        List<HealthProblem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT severity, problem, object, detail FROM pgtrickle.health()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new HealthProblem(HealthProblem.Severity.valueOf(rs.getString(1)),
                        HealthProblem.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** Every stream table's lag, by name. */
    public List<StreamTableLag> lag(Connection c) throws SQLException {
        List<StreamTableLag> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pgt_schema, pgt_name, schedule, extract(epoch FROM effective_interval), status, last_refresh_at,
                       extract(epoch FROM staleness), slowest_upstream, slowest_upstream_kind,
                       extract(epoch FROM slowest_upstream_lag)
                  FROM pgtrickle.stream_table_lag
                 ORDER BY pgt_schema, pgt_name""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(6);
                String kind = rs.getString(9);
                out.add(new StreamTableLag(io.trickle.engine.api.QualifiedName.of(rs.getString(1), rs.getString(2)).toString(),
                        rs.getString(3), seconds(rs, 4), rs.getString(5), last == null ? null : last.toInstant(),
                        seconds(rs, 7), rs.getString(8), kind == null ? null : StreamTableLag.UpstreamKind.valueOf(kind),
                        seconds(rs, 10)));
            }
        }
        return out;
    }

    /** Every captured source's buffer, by source. */
    public List<ChangeBufferStatus> changeBuffers(Connection c) throws SQLException {
        List<ChangeBufferStatus> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source, pending_rows, buffer_bytes, extract(epoch FROM oldest_pending) FROM pgtrickle.change_buffers()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Duration oldest = seconds(rs, 4);
                out.add(new ChangeBufferStatus(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        oldest == null ? Duration.ZERO : oldest));
            }
        }
        return out;
    }

    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofNanos(Math.round(s * 1e9));
    }
}
