package io.trickle.engine.bench.tpch;

import io.trickle.engine.api.QualifiedName;
import io.trickle.engine.api.Trickle;
import io.trickle.engine.api.TrickleException;
import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's own schema. It is marked with a comment when created, and only a schema carrying
 * that mark is ever dropped, so pointing the benchmark at a database that has a real {@code tpch}
 * schema refuses instead of destroying it.
 */
final class BenchSchema {

    private static final String MARK = "created by trickle bench tpch; dropped by its next run";

    private final String schema;

    BenchSchema(String schema) {
        this.schema = schema;
    }

    /** Drops what an earlier run left behind; refuses a schema this benchmark did not create. */
    void clear(Connection c, Trickle trickle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                if (!MARK.equals(rs.getString(1))) {
                    throw new TrickleException.InvalidInputException("schema " + PgQuote.ident(schema)
                            + " exists and was not created by this benchmark; choose another with --schema");
                }
            }
        }
        drop(c, trickle);
    }

    /** Marks a freshly created schema as the benchmark's. */
    void mark(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON SCHEMA " + PgQuote.ident(schema) + " IS " + PgQuote.literal(MARK));
        }
    }

    /** Drops the stream tables in the schema (through the engine, so its catalog forgets them), then the schema. */
    void drop(Connection c, Trickle trickle) throws SQLException {
        for (String name : streamTables(c)) {
            trickle.drop(QualifiedName.of(schema, name).toString(), true);
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PgQuote.ident(schema) + " CASCADE");
        }
    }

    private List<String> streamTables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pgt_name FROM pgtrickle.pgt_stream_tables WHERE pgt_schema = ? ORDER BY pgt_name")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
