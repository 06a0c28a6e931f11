package io.trickle.engine.refresh;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.catalog.CatalogCompatibility;
import io.trickle.engine.catalog.Settings;
import io.trickle.engine.catalog.SettingsSnapshot;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine's strategy needs before a refresh — the table's row and its cycle's members, the
 * settings, and for AUTO the samples of its cost model — read in one round trip (three result sets
 * of one statement).
 *
 * @param cycle the members of the table's cycle by id, itself included; empty when it is in none
 * @param model the cost model, or null when the table is not AUTO or the model is switched off
 */
record RefreshContext(StreamTableRow row, List<Long> cycle, SettingsSnapshot settings, RefreshCostModel model) {

    private static final String VERSION = "SELECT version FROM pgtrickle.pgt_schema_history"
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1; ";
    private static final String ROW = VERSION + "SELECT " + StreamTableRepository.COLUMNS
            + ", (SELECT array_agg(m.pgt_id ORDER BY m.pgt_id) FROM pgtrickle.pgt_stream_tables m WHERE m.scc_id = st.scc_id)"
            + " FROM pgtrickle.pgt_stream_tables st WHERE pgt_id = ";
    private static final String REST = "; SELECT key, value FROM pgtrickle.pgt_settings; "
            + RefreshCostModel.SAMPLES.replace("pgt_id = ?", "pgt_id = %s");
    /**
     * The table of that name, or else the one whose storage table is called so now (renamed, or its
     * schema, and not refreshed since): binds schema and name.
     */
    private static final String BY_NAME = "(SELECT st.pgt_id FROM (VALUES (?::text, ?::text)) AS n(s, t)"
            + " JOIN pgtrickle.pgt_stream_tables st ON (st.pgt_schema, st.pgt_name) = (n.s, n.t)"
            + " OR st.storage = to_regclass(quote_ident(n.s) || '.' || quote_ident(n.t))"
            + " ORDER BY (st.pgt_schema, st.pgt_name) = (n.s, n.t) DESC LIMIT 1)";

    static RefreshContext read(Connection c, long pgtId, CatalogCompatibility catalog) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + "?" + REST.formatted("?"))) {
            ps.setLong(1, pgtId);
            ps.setLong(2, pgtId);
            return read(ps, "stream table with id " + pgtId + " does not exist", catalog);
        }
    }

    static RefreshContext read(Connection c, QualifiedName name, CatalogCompatibility catalog) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ROW + BY_NAME + REST.formatted(BY_NAME))) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            ps.setString(3, name.schema());
            ps.setString(4, name.name());
            return read(ps, "stream table " + name + " does not exist", catalog);
        }
    }

    private static RefreshContext read(PreparedStatement ps, String missing, CatalogCompatibility catalog)
            throws SQLException {
        {
            ps.execute();
            try (ResultSet rs = ps.getResultSet()) {
                if (rs.next()) {
                    String installed = rs.getString(1);
                    if (catalog.isNewerThanKnown(installed)) {
                        String database = ps.getConnection().getMetaData().getURL();
                        throw new ActionFailedException(catalog.refusal(installed, describe(database)).orElseThrow());
                    }
                }
            }
            ps.getMoreResults();
            StreamTableRow row;
            List<Long> cycle = List.of();
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw new NotFoundException(missing);
                }
                row = StreamTableRepository.read(rs);
                java.sql.Array members = rs.getArray(rs.getMetaData().getColumnCount());
                if (members != null && row.sccId() != null) {
                    cycle = Arrays.stream((Long[]) members.getArray()).toList();
                }
            }
            ps.getMoreResults();
            Map<String, String> stored = new HashMap<>();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getString(2));
                }
            }
            SettingsSnapshot settings = new SettingsSnapshot(stored);
            ps.getMoreResults();
            RefreshCostModel model;
            try (ResultSet rs = ps.getResultSet()) {
                model = row.refreshMode() == RefreshMode.AUTO && settings.get(Settings.AUTO_COST_MODEL)
                        ? RefreshCostModel.from(rs) : null;
            }
            return new RefreshContext(row, cycle, settings, model);
        }
    }

    /** {@code host:port/database} of a JDBC URL, as the engine names databases in messages. */
    private static String describe(String jdbcUrl) {
        try {
            return io.trickle.engine.db.ConnectionTarget.parse(jdbcUrl).describe();
        } catch (IllegalArgumentException e) {
            return jdbcUrl;
        }
    }
}
