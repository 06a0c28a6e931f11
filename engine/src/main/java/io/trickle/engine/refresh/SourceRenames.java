package io.trickle.engine.refresh;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.catalog.CatalogGeneration;
import io.trickle.engine.catalog.StreamTableRepository;
import io.trickle.engine.catalog.StreamTableRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows renames before a refresh. The catalog refers to a stream table's storage and sources by
 * regclass, which survives {@code ALTER TABLE … RENAME}, {@code ALTER TABLE … SET SCHEMA} and
 * {@code ALTER SCHEMA … RENAME}; the stored query and the names kept beside the regclass do not. When
 * they differ from what the regclasses are called now, the stored query is written again with the new
 * names (the old name kept as the alias, so that the query's column references keep their meaning),
 * and the names are brought up to date. The table's data stays as it is: the query means what it meant.
 */
final class SourceRenames {

    private SourceRenames() {
    }

    /** The row as it is after following renames (the same row when nothing was renamed). */
    static StreamTableRow follow(Connection tx, StreamTableRow row, StreamTableRepository tables) throws SQLException {
        boolean changed = followStorage(tx, row);
        Map<QualifiedName, QualifiedName> renames = renamedSources(tx, row.id());
        if (!renames.isEmpty()) {
            String query = QueryQualifier.rename(row.definingQuery(), renames).orElse(row.definingQuery());
            tables.update(tx, row.id(), "defining_query = ?", query);
            syncNames(tx, "pgtrickle.pgt_dependencies", "source", "source_schema", "source_name", row.id());
            syncNames(tx, "pgtrickle.pgt_change_tracking", "source", "source_schema", "source_name", null);
            changed = true;
        }
        if (!changed) {
            return row;
        }
        CatalogGeneration.bump(tx, "renames under " + row.displayName());
        return tables.byIdForUpdate(tx, row.id()).orElse(row);
    }

    /** A storage table renamed or moved with its schema: the stream table is called what its table is called. */
    private static boolean followStorage(Connection tx, StreamTableRow row) throws SQLException {
        return syncNames(tx, "pgtrickle.pgt_stream_tables", "storage", "pgt_schema", "pgt_name", row.id()) > 0;
    }

    /**
     * Sets the name columns of a catalog table's rows (those of one stream table, or all when
     * {@code pgtId} is null) to what their regclass column's relation is called now.
     */
    private static int syncNames(Connection tx, String catalogTable, String regclass, String schemaColumn, String nameColumn,
                                 Long pgtId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE " + catalogTable + " t SET " + schemaColumn + " = n.nspname, "
                + nameColumn + " = c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = t." + regclass + (pgtId == null ? "" : " AND t.pgt_id = ?")
                + " AND (t." + schemaColumn + ", t." + nameColumn + ") IS DISTINCT FROM (n.nspname::text, c.relname::text)")) {
            if (pgtId != null) {
                ps.setLong(1, pgtId);
            }
            return ps.executeUpdate();
        }
    }

    /** Recorded name → current name of each source that was renamed or moved since the query was stored. */
    private static Map<QualifiedName, QualifiedName> renamedSources(Connection tx, long pgtId) throws SQLException {
        Map<QualifiedName, QualifiedName> out = new LinkedHashMap<>();
        try (PreparedStatement ps = tx.prepareStatement("""
                SELECT d.source_schema, d.source_name, n.nspname, c.relname
                  FROM pgtrickle.pgt_dependencies d
                  JOIN pg_class c ON c.oid = d.source JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE d.pgt_id = ? AND (d.source_schema, d.source_name) IS DISTINCT FROM (n.nspname::text, c.relname::text)""")) {
            ps.setLong(1, pgtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(QualifiedName.of(rs.getString(1), rs.getString(2)), QualifiedName.of(rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }
}
