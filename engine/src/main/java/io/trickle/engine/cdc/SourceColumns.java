package io.trickle.engine.cdc;

import io.trickle.engine.db.PgQuote;
import io.trickle.engine.sql.PgType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live columns of a captured source as capture needs them: type with modifiers (a domain's base
 * type) and collation ({@link PgType}), and whether a key can pair the old and new rows of an UPDATE.
 *
 * @param columns by name, in attribute order
 * @param key     the columns of the primary key, or else of a unique index on NOT NULL plain columns,
 *                whose types' equality is PostgreSQL's own (so that pairing runs no code of a
 *                tenant's); empty when there is none
 */
record SourceColumns(Map<String, Column> columns, List<String> key) {

    /**
     * One column.
     *
     * @param type the column's type with its collation when that is not the type's own (as
     *             {@link PgType#columnSql} reads it, the one description every table the engine
     *             writes is declared from)
     */
    record Column(String name, PgType type) {

        /** The column's definition in a buffer: same type, same collation. */
        String definition() {
            return PgQuote.ident(name) + " " + type.declaration();
        }
    }

    static SourceColumns read(Connection c, long sourceOid) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "a.attrelid = ? ORDER BY a.attnum")) {
            ps.setLong(1, sourceOid);
            columns.putAll(read(ps));
        }
        return new SourceColumns(columns, pairingKey(c, sourceOid).orElse(List.of()));
    }

    /** The columns of a buffer (all but xid and action), described as a source's are. */
    static Map<String, Column> ofBuffer(Connection c, long bufferId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS
                + "a.attrelid = to_regclass(?) AND a.attname NOT IN ('xid', 'action') ORDER BY a.attnum")) {
            ps.setString(1, CaptureInfo.qualifiedBuffer(bufferId));
            return read(ps);
        }
    }

    private static final String COLUMNS = "SELECT a.attname, " + PgType.columnSql("a")
            + " FROM pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped AND ";

    private static Map<String, Column> read(PreparedStatement ps) throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Column(rs.getString(1), PgType.read(rs, 2)));
            }
        }
        return out;
    }

    Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /**
     * The primary key, else the unique index with the fewest columns, among indexes on plain NOT NULL
     * columns whose types (domains followed to their base) live in pg_catalog.
     */
    private static Optional<List<String>> pairingKey(Connection c, long sourceOid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT array_agg(a.attname ORDER BY k.ord)
                  FROM pg_index i
                  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
                   AND NOT i.indisexclusion AND k.ord <= i.indnkeyatts
                 GROUP BY i.indexrelid, i.indisprimary, i.indnkeyatts
                HAVING bool_and(a.attnotnull AND k.attnum > 0
                                AND (SELECT bt.typnamespace = 'pg_catalog'::regnamespace
                                       FROM pg_type bt
                                      WHERE bt.oid = CASE WHEN (SELECT typtype FROM pg_type WHERE oid = a.atttypid) = 'd'
                                                          THEN (SELECT typbasetype FROM pg_type WHERE oid = a.atttypid)
                                                          ELSE a.atttypid END))
                 ORDER BY i.indisprimary DESC, count(*), i.indexrelid
                 LIMIT 1""")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> key = new ArrayList<>(List.of((String[]) rs.getArray(1).getArray()));
                return Optional.of(key);
            }
        }
    }
}
