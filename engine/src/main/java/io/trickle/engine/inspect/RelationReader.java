package io.trickle.engine.inspect;

import io.trickle.engine.api.Cancellation;
import io.trickle.engine.api.ColumnInfo;
import io.trickle.engine.api.PreviewRequest;
import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.RelationOutline;
import io.trickle.engine.api.RelationPreview;
import io.trickle.engine.api.RelationStats;
import io.trickle.engine.api.TrickleException.ActionFailedException;
import io.trickle.engine.api.TrickleException.InvalidInputException;
import io.trickle.engine.api.TrickleException.NotFoundException;
import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a DBA looks at beside the stream tables themselves: the first rows of a relation, its
 * size, indexes and grants, and the names and columns of every relation (for completion). Every read
 * runs in a READ ONLY transaction, names are looked up in {@code pg_class} exactly (no search_path),
 * and every identifier in generated SQL is quoted, so a relation called {@code "a; drop"} is just a
 * name. The role reads only what it may: a relation it cannot SELECT from fails with PostgreSQL's words.
 */
public final class RelationReader {

    /** Relations in these schemas are the system's or the engine's own, never offered for completion. */
    private static final String HIDDEN_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgtrickle',"
            + " 'pgtrickle_changes') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
    /** Completion stops here, so a database with a huge catalog stays responsive. */
    static final int MAX_OUTLINES = 5000;

    private RelationReader() {
    }

    /** A relation found by name: its oid, its name as the engine prints it, and its kind. */
    record Found(long oid, String display, String kind) {
    }

    public static RelationPreview preview(Connection c, PreviewRequest request, Cancellation cancel) throws SQLException {
        return readOnly(c, () -> {
            Found found = find(c, request.relation());
            List<ColumnInfo> columns = columns(c, found.oid()).stream().filter(col -> !col.name().startsWith("__pgt_"))
                    .toList();
            if (columns.isEmpty()) {
                return new RelationPreview(found.display(), List.of(), List.of(), false, null, false);
            }
            if (request.orderBy() != null && columns.stream().noneMatch(col -> col.name().equals(request.orderBy()))) {
                throw new InvalidInputException(found.display() + " has no column \"" + request.orderBy() + "\" to order by");
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(PgQuote.ident(columns.get(i).name()));
            }
            QualifiedName name = QualifiedName.parse(found.display());
            sql.append(" FROM ").append(PgQuote.qualified(name.schema(), name.name()));
            if (request.orderBy() != null) {
                sql.append(" ORDER BY ").append(PgQuote.ident(request.orderBy()))
                        .append(request.descending() ? " DESC NULLS LAST" : " ASC NULLS FIRST");
            }
            sql.append(" LIMIT ?");
            List<List<String>> rows = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setInt(1, request.limit() + 1);
                cancel.onCancel(() -> cancelQuietly(ps));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rows.size() == request.limit()) {
                            more = true;
                            break;
                        }
                        List<String> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(cut(rs.getString(i)));
                        }
                        rows.add(row);
                    }
                }
            } catch (SQLException e) {
                throw failure("reading " + found.display(), e, cancel);
            }
            return new RelationPreview(found.display(), columns, rows, more, request.orderBy(), request.descending());
        });
    }

    public static RelationStats stats(Connection c, String relation, Cancellation cancel) throws SQLException {
        return readOnly(c, () -> {
            Found found = find(c, relation);
            long estimate;
            String owner;
            long total;
            long table;
            long indexes;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.reltuples::bigint, pg_catalog.pg_get_userbyid(c.relowner), pg_catalog.pg_total_relation_size(c.oid),
                           pg_catalog.pg_relation_size(c.oid), pg_catalog.pg_indexes_size(c.oid)
                      FROM pg_catalog.pg_class c WHERE c.oid = ?""")) {
                ps.setLong(1, found.oid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = rs.getLong(1);
                    owner = rs.getString(2);
                    total = rs.getLong(3);
                    table = rs.getLong(4);
                    indexes = rs.getLong(5);
                }
            }
            List<RelationStats.Index> indexList = indexes(c, found.oid());
            List<RelationStats.Grant> grants = grants(c, found.oid());
            Long rows = count(c, found, cancel);
            return new RelationStats(found.display(), found.kind(), owner, estimate, rows, total, table, indexes, indexList,
                    grants);
        });
    }

    /** Every relation the role can see outside the system's and the engine's schemas, with its columns. */
    public static List<RelationOutline> outlines(Connection c) throws SQLException {
        return readOnly(c, () -> {
            Map<Long, RelationOutline> byOid = new LinkedHashMap<>();
            Map<Long, List<ColumnInfo>> columns = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.relkind::text"
                    + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + HIDDEN_SCHEMAS
                    + " AND pg_catalog.has_schema_privilege(n.oid, 'USAGE') ORDER BY n.nspname, c.relname LIMIT ?")) {
                ps.setInt(1, MAX_OUTLINES);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long oid = rs.getLong(1);
                        byOid.put(oid, new RelationOutline(rs.getString(2), rs.getString(3), kind(rs.getString(4)), List.of()));
                        columns.put(oid, new ArrayList<>());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
                      FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT LIKE '\\_\\_pgt\\_%'
                     ORDER BY a.attrelid, a.attnum""")) {
                ps.setArray(1, c.createArrayOf("oid", byOid.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.get(rs.getLong(1)).add(new ColumnInfo(rs.getString(2), rs.getString(3)));
                    }
                }
            }
            List<RelationOutline> out = new ArrayList<>();
            byOid.forEach((oid, r) -> out.add(new RelationOutline(r.schema(), r.name(), r.kind(), columns.get(oid))));
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    /** Runs a read in a READ ONLY transaction that is rolled back, whatever happens. */
    private static <T> T readOnly(Connection c, Read<T> read) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION READ ONLY");
        }
        try {
            return read.run();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    static Found find(Connection c, String relation) throws SQLException {
        QualifiedName name = QualifiedName.parse(relation);
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.oid, c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""")) {
            ps.setString(1, name.schema());
            ps.setString(2, name.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("relation " + name + " does not exist");
                }
                return new Found(rs.getLong(1), name.toString(), kind(rs.getString(2)));
            }
        }
    }

    private static List<ColumnInfo> columns(Connection c, long oid) throws SQLException {
        List<ColumnInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT attname, pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
                 WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped ORDER BY attnum""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnInfo(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static List<RelationStats.Index> indexes(Connection c, long oid) throws SQLException {
        List<RelationStats.Index> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.relname, pg_catalog.pg_get_indexdef(x.indexrelid), x.indisunique, x.indisprimary,
                       pg_catalog.pg_relation_size(x.indexrelid)
                  FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
                 WHERE x.indrelid = ? ORDER BY i.relname""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RelationStats.Index(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getLong(5)));
                }
            }
        }
        return out;
    }

    private static List<RelationStats.Grant> grants(Connection c, long oid) throws SQLException {
        List<RelationStats.Grant> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END AS who,
                       array_agg(a.privilege_type ORDER BY a.privilege_type)
                  FROM pg_catalog.pg_class c,
                       LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
                 WHERE c.oid = ?
                 GROUP BY 1 ORDER BY 1""")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RelationStats.Grant(rs.getString(1), List.of((String[]) rs.getArray(2).getArray())));
                }
            }
        }
        return out;
    }

    /** The exact number of rows, or null when counting runs past the timeout. */
    private static Long count(Connection c, Found found, Cancellation cancel) throws SQLException {
        QualifiedName name = QualifiedName.parse(found.display());
        java.sql.Savepoint before = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = " + RelationStats.COUNT_TIMEOUT_MS);
            cancel.onCancel(() -> cancelQuietly(st));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + PgQuote.qualified(name.schema(), name.name()))) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState()) && !cancel.isCancelled()) {
                c.rollback(before);
                return null;
            }
            throw failure("counting the rows of " + found.display(), e, cancel);
        }
    }

    static String kind(String relkind) {
        return switch (relkind) {
            case "r" -> "table";
            case "p" -> "partitioned table";
            case "v" -> "view";
            case "m" -> "materialized view";
            case "f" -> "foreign table";
            default -> "relation";
        };
    }

    private static String cut(String value) {
        return value == null || value.length() <= RelationPreview.MAX_VALUE_LENGTH ? value
                : value.substring(0, RelationPreview.MAX_VALUE_LENGTH) + "…";
    }

    static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // the statement finished or its connection went away: nothing left to cancel
        }
    }

    private static ActionFailedException failure(String doing, SQLException e, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return new ActionFailedException(doing + " was cancelled", e);
        }
        return new ActionFailedException(doing + " failed: " + e.getMessage(), e);
    }
}
