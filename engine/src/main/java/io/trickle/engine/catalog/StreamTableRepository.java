package io.trickle.engine.catalog;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.EffectiveMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code pgtrickle.pgt_stream_tables}. */
public final class StreamTableRepository {

    /** The columns {@link #read} maps, in order. */
    public static final String COLUMNS = """
            pgt_id, pgt_schema, pgt_name, storage::oid, defining_query, original_query, schedule, refresh_mode,
            effective_mode, fallback_reason, status, is_populated, needs_reinit, reinit_reason, consecutive_errors,
            last_error, keyed_row_ids, scc_id, last_fixpoint_iterations, time_zone, search_path, last_refresh_at,
            data_timestamp, created_at""";

    /** What a new stream table is created with. */
    public record NewStreamTable(String schema, String name, long storageOid, String definingQuery, String originalQuery,
                                 String schedule, RefreshMode refreshMode, EffectiveMode effectiveMode, String fallbackReason,
                                 boolean keyedRowIds, String timeZone, String searchPath) {
    }

    public long insert(Connection c, NewStreamTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pgtrickle.pgt_stream_tables (pgt_schema, pgt_name, storage, defining_query, original_query,
                    schedule, refresh_mode, effective_mode, fallback_reason, keyed_row_ids, time_zone, search_path)
                VALUES (?, ?, ?::oid::regclass, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pgt_id""")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            ps.setLong(3, t.storageOid());
            ps.setString(4, t.definingQuery());
            ps.setString(5, t.originalQuery());
            ps.setString(6, t.schedule());
            ps.setString(7, t.refreshMode().name());
            ps.setString(8, t.effectiveMode().name());
            ps.setString(9, t.fallbackReason());
            ps.setBoolean(10, t.keyedRowIds());
            ps.setString(11, t.timeZone());
            ps.setString(12, t.searchPath());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The stream table of that name, or else the one whose storage table is called so now (it was
     * renamed, or its schema was, and no refresh has caught up with the new name yet).
     */
    public Optional<StreamTableRow> byName(Connection c, String schema, String name) throws SQLException {
        Optional<StreamTableRow> recorded = one(c, "WHERE pgt_schema = ? AND pgt_name = ?", schema, name);
        if (recorded.isPresent()) {
            return recorded;
        }
        return one(c, "WHERE storage::oid = to_regclass(quote_ident(?) || '.' || quote_ident(?))::oid", schema, name);
    }

    public Optional<StreamTableRow> byId(Connection c, long id) throws SQLException {
        return one(c, "WHERE pgt_id = ?", id);
    }

    /** Locks the row for the rest of the transaction (a refresh or an alter owns it meanwhile). */
    public Optional<StreamTableRow> byIdForUpdate(Connection c, long id) throws SQLException {
        return one(c, "WHERE pgt_id = ? FOR UPDATE", id);
    }

    public Optional<StreamTableRow> byStorage(Connection c, long storageOid) throws SQLException {
        return one(c, "WHERE storage::oid = ?", storageOid);
    }

    public List<StreamTableRow> all(Connection c) throws SQLException {
        return many(c, "ORDER BY pgt_schema, pgt_name");
    }

    /** A row as {@code list} shows it: with its staleness, from the database clock. */
    public record Listed(StreamTableRow row, Double stalenessSeconds) {
    }

    /** Every stream table by schema and name, with its staleness (null when never refreshed). */
    public List<Listed> listing(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + ", CASE WHEN refresh_mode = 'IMMEDIATE' AND status = 'ACTIVE' AND NOT needs_reinit THEN 0"
                + " ELSE extract(epoch FROM now() - last_refresh_at)::float8 END FROM pgtrickle.pgt_stream_tables"
                + " ORDER BY pgt_schema, pgt_name");
             ResultSet rs = ps.executeQuery()) {
            List<Listed> out = new ArrayList<>();
            int stalenessColumn = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                double staleness = rs.getDouble(stalenessColumn);
                out.add(new Listed(read(rs), rs.wasNull() ? null : staleness));
            }
            return out;
        }
    }

    /** The ids of the members of {@code id}'s cycle (itself included), by id; empty when it is in none. */
    public List<Long> cycleMembers(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.pgt_id FROM pgtrickle.pgt_stream_tables t
                  JOIN pgtrickle.pgt_stream_tables m ON m.scc_id = t.scc_id
                 WHERE t.pgt_id = ? ORDER BY m.pgt_id""")) {
            ps.setLong(1, id);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private Optional<StreamTableRow> one(Connection c, String where, Object... params) throws SQLException {
        List<StreamTableRow> rows = many(c, where, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<StreamTableRow> many(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pgtrickle.pgt_stream_tables " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<StreamTableRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    /** The row at the cursor of a result selecting {@link #COLUMNS}. */
    public static StreamTableRow read(ResultSet rs) throws SQLException {
        String storedMode = rs.getString(8);
        String storedEffective = rs.getString(9);
        RefreshMode mode = known(RefreshMode.class, storedMode);
        EffectiveMode effective = known(EffectiveMode.class, storedEffective);
        String invalidMode = mode == null ? "refresh mode '" + storedMode + "'"
                : effective == null ? "effective mode '" + storedEffective + "'" : null;
        return new StreamTableRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), mode == null ? RefreshMode.AUTO : mode,
                effective == null ? EffectiveMode.FULL : effective,
                rs.getString(10), rs.getString(11),
                rs.getBoolean(12), rs.getBoolean(13), rs.getString(14), rs.getInt(15), rs.getString(16),
                rs.getBoolean(17), (Integer) rs.getObject(18), (Integer) rs.getObject(19), rs.getString(20),
                rs.getString(21), instant(rs.getTimestamp(22)), instant(rs.getTimestamp(23)), instant(rs.getTimestamp(24)),
                invalidMode);
    }

    /** The constant a stored text names; null for text no engine writes (a row edited by hand). */
    private static <E extends Enum<E>> E known(Class<E> type, String stored) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(stored)) {
                return e;
            }
        }
        return null;
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Sets columns by name; {@code assignments} are SQL fragments with bound values, e.g.
     * {@code "status = ?"}. An enum value is bound as its name.
     */
    public void update(Connection c, long id, String assignments, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pgtrickle.pgt_stream_tables SET " + assignments
                + ", updated_at = now() WHERE pgt_id = ?")) {
            int i = 1;
            for (Object p : params) {
                // The catalog stores modes and statuses as their names.
                ps.setObject(i++, p instanceof Enum<?> e ? e.name() : p);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pgtrickle.pgt_stream_tables WHERE pgt_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
