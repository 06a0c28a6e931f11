package io.trickle.engine.testing;

import io.trickle.engine.db.PgQuote;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for a test class: a fresh database on a server shared by the whole test JVM
 * (DESIGN §8). The server is, in this order: the one in {@code TRICKLE_TEST_JDBC_URL}; a
 * Testcontainers {@code postgres} container when Docker answers; an embedded PostgreSQL (zonky) —
 * 18 by default, 15 when the system property {@code trickle.test.pg} is 15.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestDatabase db = TestDatabase.perClass();
 * </pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private String database;

    private TestDatabase() {
    }

    /** A fresh database created before the class's first test and dropped after its last. */
    public static TestDatabase perClass() {
        return new TestDatabase();
    }

    /** The shared server, started on first use. */
    public static TestServer server() {
        return TestServer.shared();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String base = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        create("t_" + base.substring(0, Math.min(base.length(), 40)) + "_" + COUNTER.incrementAndGet() + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        drop();
    }

    /** Creates the database by hand (for tests that manage several databases). */
    public TestDatabase create(String name) throws SQLException {
        this.database = name;
        try (Connection c = server().connectAdmin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + PgQuote.ident(name));
        }
        return this;
    }

    public void drop() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection c = server().connectAdmin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + PgQuote.ident(database) + " WITH (FORCE)");
        }
        database = null;
    }

    public String name() {
        return database;
    }

    /** JDBC URL of this database for the server's administrative role, password included. */
    public String jdbcUrl() {
        return server().url(database);
    }

    /** JDBC URL of this database for another role. */
    public String jdbcUrl(String role, String password) {
        return server().url(database, role, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public int majorVersion() {
        return server().majorVersion();
    }

    /** Runs statements, each on its own, in one session. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, or null. */
    public Object scalar(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public long count(String sql, Object... params) {
        Object v = scalar(sql, params);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            if (!ps.execute()) {
                return out;
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** The first column of every row, as strings. */
    public List<String> strings(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows(sql, params)) {
            out.add(row.get(0) == null ? null : row.get(0).toString());
        }
        return out;
    }

    /**
     * Creates a login role that owns nothing and has no special attributes, with CONNECT and
     * CREATE on this database (what DESIGN §2 says the engine needs). Returns its JDBC URL.
     */
    public String createPlainRole(String role, String password, boolean withCreate) {
        try (Connection c = server().connectAdmin(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + PgQuote.literal(role)
                    + ") THEN CREATE ROLE " + PgQuote.ident(role) + " LOGIN PASSWORD " + PgQuote.literal(password)
                    + "; END IF; END $$");
            st.execute("GRANT CONNECT" + (withCreate ? ", CREATE" : "") + " ON DATABASE " + PgQuote.ident(database)
                    + " TO " + PgQuote.ident(role));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role " + role + ": " + e.getMessage(), e);
        }
        execute("GRANT CREATE, USAGE ON SCHEMA public TO " + PgQuote.ident(role));
        return jdbcUrl(role, password);
    }
}
