package io.trickle.engine.bench;

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
 * A benchmark's own schema. It is marked with a comment when created, and only a schema carrying
 * that mark is ever dropped, so pointing a benchmark at a database that has a real schema of that
 * name refuses instead of destroying it.
 */
public final class BenchSchema {

    private final String schema;
    private final String mark;

    /** The schema {@code schema} of the benchmark {@code benchmark} ({@code core}, {@code tpch}). */
    public BenchSchema(String schema, String benchmark) {
        this.schema = schema;
        this.mark = "created by trickle bench " + benchmark + "; dropped by its next run";
    }

    public String name() {
        return schema;
    }

    /** Refuses (exit 2, nothing changed) a schema of that name that this benchmark did not create. */
    public void requireOwnedOrAbsent(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !mark.equals(rs.getString(1))) {
                    throw new TrickleException.InvalidInputException("schema " + PgQuote.ident(schema)
                            + " exists and was not created by this benchmark; choose another with --schema");
                }
            }
        }
    }

    /**
     * Gets a database ready for a benchmark: refuses (exit 2, nothing changed) when another engine
     * schedules it or the schema is not the benchmark's, then installs the catalog and gives the
     * benchmark its schema, empty.
     */
    public void prepare(Connection c, Trickle trickle) throws SQLException {
        Isolation.requireNoOtherScheduler(c);
        requireOwnedOrAbsent(c);
        trickle.install();
        clear(c, trickle);
        create(c);
    }

    /** Drops what an earlier run left behind; refuses a schema this benchmark did not create. */
    public void clear(Connection c, Trickle trickle) throws SQLException {
        requireOwnedOrAbsent(c);
        drop(c, trickle);
    }

    /** Creates the schema (empty) and marks it as the benchmark's. */
    public void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + PgQuote.ident(schema));
        }
        mark(c);
    }

    /** Marks a freshly created schema as the benchmark's. */
    public void mark(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON SCHEMA " + PgQuote.ident(schema) + " IS " + PgQuote.literal(mark));
        }
    }

    /** Drops the stream tables in the schema (through the engine, so its catalog forgets them), then the schema. */
    public void drop(Connection c, Trickle trickle) throws SQLException {
        dropStreamTables(c, trickle);
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + PgQuote.ident(schema) + " CASCADE");
        }
    }

    /** Drops every stream table in the schema through the engine. */
    public void dropStreamTables(Connection c, Trickle trickle) throws SQLException {
        if (!catalogInstalled(c)) {
            return;
        }
        for (String name : streamTables(c)) {
            trickle.drop(QualifiedName.of(schema, name).toString(), true);
        }
    }

    private static boolean catalogInstalled(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('pgtrickle.pgt_stream_tables') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
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
