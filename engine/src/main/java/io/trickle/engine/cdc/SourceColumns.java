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
 * type), collation, and
 * whether a key can pair the old and new rows of an UPDATE.
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
     * @param collation the column's collation as SQL ({@code "pg_catalog"."C"}), or null for the type's default
     */
    record Column(String name, PgType type, String collation) {

        /**
         * The column's definition in a buffer: same type, same collation — a domain's base type
         * instead of the domain, whose CHECK (which may call a function of the source's owner) must
         * not run as the engine when the capture function writes the buffer (issue 18).
         */
        String definition() {
            return PgQuote.ident(name) + " " + type.name() + (collation == null ? "" : " COLLATE " + collation);
        }
    }

    static SourceColumns read(Connection c, long sourceOid) throws SQLException {
        return new SourceColumns(columns(c, sourceOid), pairingKey(c, sourceOid).orElse(List.of()));
    }

    /**
     * The columns of a relation as a buffer defines them (domains in their base type), in attribute
     * order: of a source, or of a buffer itself (a buffer written by an engine before 0.7.0.9 may
     * hold a domain, which then compares equal to its base type and is kept as it is).
     */
    static Map<String, Column> columns(Connection c, long relid) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(b.typ, b.typmod),
                       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                            THEN format('%I.%I', cn.nspname, co.collname) END
                  FROM pg_attribute a
                  CROSS JOIN LATERAL (
                      WITH RECURSIVE chain(typ, typmod, typtype, base, basemod, depth) AS (
                          SELECT d.oid, a.atttypmod, d.typtype, d.typbasetype, d.typtypmod, 0
                            FROM pg_type d WHERE d.oid = a.atttypid
                          UNION ALL
                          SELECT d.oid, chain.basemod, d.typtype, d.typbasetype, d.typtypmod, chain.depth + 1
                            FROM chain JOIN pg_type d ON d.oid = chain.base
                           WHERE chain.typtype = 'd')
                      SELECT typ, typmod FROM chain WHERE typtype <> 'd' ORDER BY depth LIMIT 1) b
                  JOIN pg_type t ON t.oid = b.typ
                  LEFT JOIN pg_collation co ON co.oid = a.attcollation
                  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
                 WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum""")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), new Column(rs.getString(1), new PgType(rs.getString(2)), rs.getString(3)));
                }
            }
        }
        return columns;
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
