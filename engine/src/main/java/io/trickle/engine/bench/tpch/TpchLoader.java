package io.trickle.engine.bench.tpch;

import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the TPC-H schema and loads it from {@link TpchGenerator}: the tables (with primary keys),
 * the rows through COPY, then the foreign-key column indexes and statistics.
 */
public final class TpchLoader {

    /** What was loaded: rows per table, in load order. */
    public record Loaded(String schema, TpchScale scale, long seed, Map<String, Long> rows) {

        public long lineitems() {
            return rows.getOrDefault("lineitem", 0L);
        }
    }

    private TpchLoader() {
    }

    /**
     * Creates {@code schema} (which must not exist) and fills it. Runs in autocommit mode; a failure
     * leaves what was created so far for the caller to drop.
     */
    public static Loaded load(Connection c, String schema, TpchGenerator generator, long seed) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + PgQuote.ident(schema));
            for (String ddl : TpchSql.statements("schema.sql")) {
                st.execute(TpchSql.inSchema(ddl, schema));
            }
        }
        rows.put("region", copy(c, schema, "region", generator::regions));
        rows.put("nation", copy(c, schema, "nation", generator::nations));
        rows.put("supplier", copy(c, schema, "supplier", generator::suppliers));
        rows.put("customer", copy(c, schema, "customer", generator::customers));
        rows.put("part", copy(c, schema, "part", generator::parts));
        rows.put("partsupp", copy(c, schema, "partsupp", generator::partsupps));
        rows.put("orders", copy(c, schema, "orders", generator::orders));
        rows.put("lineitem", copy(c, schema, "lineitem", generator::lineitems));
        try (Statement st = c.createStatement()) {
            for (String ddl : TpchSql.statements("indexes.sql")) {
                st.execute(TpchSql.inSchema(ddl, schema));
            }
            for (String table : rows.keySet()) {
                st.execute("ANALYZE " + PgQuote.qualified(schema, table));
            }
        }
        return new Loaded(schema, generator.scale(), seed, Collections.unmodifiableMap(rows));
    }

    /** Generates one table's rows into it. */
    @FunctionalInterface
    interface Rows {
        void into(TpchGenerator.RowSink sink) throws Exception;
    }

    static long copy(Connection c, String schema, String table, Rows rows) throws SQLException {
        try (CopySink sink = new CopySink(c, schema, table)) {
            rows.into(sink);
            return sink.finish();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("generating " + table + " failed: " + e.getMessage(), e);
        }
    }
}
